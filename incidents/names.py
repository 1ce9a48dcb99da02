"""Spotting a person's name typed into an incident's free text, so the form can warn first.

A heuristic, on purpose small: two or more capitalised words in a row that are not common
capitalised words of school life (days, months, year groups, roles, places, subjects,
ethnicities and faiths, apps), a title followed by a capitalised word ("Mr Patel"), or a name
from the school's member list. It only warns: the person recording can save anyway.
"""

import re
from collections.abc import Iterable

# A capitalised word: Jake, O'Brien, Smith-Jones, McDonald.
WORD = r"(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z]?[a-z]+)*"
CAPITALISED_RUN = re.compile(rf"\b{WORD}(?:[ \t]+{WORD})+\b")
TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.?[ \t]+{WORD}\b")

# Capitalised words that are rarely part of a name in an incident record (a word list reads
# better as text than as a list literal).
COMMON_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    autumn spring summer winter term half easter christmas diwali eid ramadan hanukkah
    holiday holidays morning afternoon evening night lunch lunchtime break breaktime assembly
    registration day week month year today yesterday weekend
    head deputy assistant teacher teaching tutor form class pupil pupils student students
    target perpetrator witness witnesses staff member members parent parents carer carers
    mum dad mother father brother sister cousin governor governors lead leader leadership
    designated safeguarding officer equality behaviour pastoral manager support supervisor
    senior team coordinator department faculty office reception site school academy trust
    college primary secondary nursery infant infants junior juniors sixth upper lower key
    stage group house police council local authority social services care children child
    young people person boy boys girl girls everyone someone nobody anyone
    hall room field fields playground corridor block building wing centre center library
    canteen dining gym gymnasium sports changing toilet toilets street road lane avenue park
    station bus stop shop shops town city court courtyard yard gate gates entrance car main
    north south east west lab laboratory studio drama music art arts theatre chapel church
    mosque temple synagogue gurdwara classroom area quad astro pitch pool kitchen staffroom
    floor ground first second third top bottom back front old new inner outer learning
    resource base unit zone cafe taxi journey home
    english maths mathematics science physics chemistry biology history geography french
    spanish german religious education physical computing design technology food
    citizenship studies literature language languages business psychology sociology media
    dance textiles latin statistics economics personal health relationships
    white black asian british irish scottish welsh caribbean african indian pakistani
    bangladeshi chinese gypsy roma traveller travellers arab arabic polish romanian somali
    turkish kurdish jewish muslim muslims christian christians hindu hindus sikh sikhs
    buddhist catholic islam islamic eastern european mixed nigerian ghanaian ukrainian
    afghan syrian iranian portuguese italian lithuanian bulgarian filipino vietnamese
    japanese korean brazilian american europe africa asia britain england scotland wales
    ireland london israel israeli palestine palestinian gaza ukraine russia russian pride
    google microsoft teams snapchat instagram tiktok whatsapp facebook youtube discord
    roblox minecraft fortnite xbox playstation twitter reddit apple
    the a an this that these those he she they we it his her their our my your them him
    then when after before during while later earlier next at in on of to from by with and
    but or so as if because also another other others one two three some several all both
    each every no not yes please note who what where why how once there here
    verbal online racist sexist homophobic transphobic biphobic disability appearance
    religion belief race sexual harassment bullying incident report sanction detention
    exclusion isolation restorative meeting plan policy act
    """.split()  # noqa: SIM905
)


def _is_common(word: str) -> bool:
    return word.lower() in COMMON_WORDS


def _capitalised_pairs(text: str) -> list[str]:
    """Runs of two or more capitalised words, none of them a common word."""
    found = []
    for run in CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        current: list[str] = []
        for word in [*words, ""]:
            if word and not _is_common(word):
                current.append(word)
                continue
            if len(current) >= 2:
                found.append(" ".join(current))
            current = []
    return found


def _member_names(text: str, known_names: Iterable[str]) -> list[str]:
    """Members' full names in any case, and their first or last names as capitalised words."""
    found = []
    for name in known_names:
        name = " ".join(name.split())
        if not name:
            continue
        if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
            found.append(name)
            continue
        for part in name.split():
            usable = len(part) >= 3 and part[0].isupper() and not _is_common(part)
            if usable and re.search(rf"\b{re.escape(part)}\b", text):
                found.append(part)
    return found


def names_in(text: str, known_names: Iterable[str] = ()) -> list[str]:
    """What in ``text`` looks like a person's name, in order, each once."""
    if not text:
        return []
    found = [match.group() for match in TITLED.finditer(text)]
    found += _capitalised_pairs(text)
    found += _member_names(text, known_names)
    return list(dict.fromkeys(found))
