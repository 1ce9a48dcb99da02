"""The heuristic that warns before a name is saved in an incident's free text."""

import pytest

from incidents.names import names_in


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Jake Smith in 8R called the target names.", ["Jake Smith"]),
        ("Then Jake Smith pushed the target.", ["Jake Smith"]),
        ("In the dining hall, Mr Patel heard it.", ["Mr Patel"]),
        ("Mrs. McDonald was on duty.", ["Mrs. McDonald"]),
        ("Siobhan O'Brien-Smith said it first.", ["Siobhan O'Brien-Smith"]),
        ("Reported by Priya Sharma and Tom Jones.", ["Priya Sharma", "Tom Jones"]),
        ("Head of Year Amira Khan spoke to them.", ["Amira Khan"]),
    ],
)
def test_a_capitalised_first_and_last_name_is_found(text, names):
    assert names_in(text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Pupil A called pupil B a racist name.",
        "Head of Year spoke to Year 7 on Monday Morning.",
        "In the Dining Hall after Assembly, by the Science Block.",
        "White British pupil and Black Caribbean target.",
        "Messages on Snapchat and Google Classroom.",
        "During Black History Month, in Religious Education.",
        "The Target said the Perpetrator laughed.",
        "Last Friday in September, Autumn Term.",
        "Designated Safeguarding Lead informed; Local Authority told.",
        "",
    ],
)
def test_common_capitalised_phrases_are_not_names(text):
    assert names_in(text) == []


def test_a_name_from_the_member_list_is_found_alone_or_whole():
    members = ["Sarah Connor", "Ahmed Ali"]
    assert names_in("sarah connor saw it", members) == ["Sarah Connor"]
    assert names_in("Sarah saw it; Ali was told.", members) == ["Sarah", "Ali"]
    # A name is a capitalised word: "ali" inside another word, or in lower case, is not one.
    assert names_in("the alibi was checked", members) == []


def test_each_name_is_given_once():
    assert names_in("Jake Smith, then Jake Smith again, then Mr Patel.") == [
        "Mr Patel",
        "Jake Smith",
    ]
