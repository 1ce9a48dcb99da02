import datetime
import functools
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from duties import services
from duties.models import (
    BOTH_ETHNICITY_LEVELS,
    NEGATIVE_IMPACT_NEEDS_NOTE,
    SIGN_OFF_BY_LEADERSHIP,
    STAFF_ONLY_IMPACT,
    Action,
    EqualityAnalysis,
    OutcomeMeasure,
    PopulationProfile,
    ProfileFigure,
)
from equality_portal.oversight.models import ComplianceSnapshot
from equality_portal.schools.roles import Role
from tests.factories import EqualityAnalysisFactory, PopulationProfileFactory

ANALYSIS = {
    "subject": "Uniform policy",
    "subject_kind": "policy",
    "analysed_on": datetime.date(2025, 10, 1),
    "carried_out_by": "Equality lead",
    "full_analysis_needed": True,
    "screening_reason": "Uniform rules can affect pupils of some religions.",
    "outcome": "adjusted",
}


def test_creating_an_action_keeps_who_and_when(school, leader):
    action = services.action_create(
        school=school, by=leader.user, academic_year=2025, title="Assemblies", aims=["foster"]
    )
    assert action.created_by == leader.user
    assert action.last_change.history_user == leader.user
    services.action_update(action=action, by=leader.user, title="Weekly assemblies")
    assert action.history.count() == 2
    assert action.history.first().title == "Weekly assemblies"


def test_a_service_refuses_fields_it_does_not_own(school, leader):
    with pytest.raises(TypeError, match="school"):
        services.action_create(school=school, by=leader.user, academic_year=2025, school_id=3)


def test_deleting_an_action_keeps_its_history(school, leader):
    action = services.action_create(
        school=school, by=leader.user, academic_year=2025, title="Trips", aims=["advance"]
    )
    services.action_delete(action=action, by=leader.user)
    assert not Action.objects.exists()
    removal = Action.history.filter(history_type="-").get()
    assert (removal.title, removal.history_user) == ("Trips", leader.user)


def test_an_analysis_records_its_impacts(school, equality_lead):
    analysis = services.equality_analysis_create(
        school=school,
        by=equality_lead.user,
        impacts={
            "religion_belief": ("negative", "Head coverings were not allowed."),
            "sex": ("neutral", ""),
            "race": None,
        },
        **ANALYSIS,
    )
    assert {(i.characteristic, i.impact) for i in analysis.impacts.all()} == {
        ("religion_belief", "negative"),
        ("sex", "neutral"),
    }


def test_age_is_assessed_only_when_staff_are_affected_and_nothing_is_saved(school, leader):
    with pytest.raises(ValidationError) as error:
        services.equality_analysis_create(
            school=school,
            by=leader.user,
            impacts={"age": ("neutral", ""), "disability": ("negative", "")},
            **ANALYSIS,
        )
    assert error.value.message_dict == {
        "impact_age": [STAFF_ONLY_IMPACT.format(characteristic="Age")],
        "note_disability": [NEGATIVE_IMPACT_NEEDS_NOTE],
    }
    assert not EqualityAnalysis.objects.exists()


def test_only_a_leader_of_the_school_signs_off(school, equality_lead, leader, make_member):
    analysis = EqualityAnalysisFactory(school=school)
    with pytest.raises(ValidationError) as error:
        services.equality_analysis_sign_off(
            analysis=analysis, signed_off_on=datetime.date(2025, 10, 2), by=equality_lead.user
        )
    assert error.value.message_dict["signed_off_by"] == [SIGN_OFF_BY_LEADERSHIP]
    services.equality_analysis_sign_off(
        analysis=EqualityAnalysis.objects.get(),
        signed_off_on=datetime.date(2025, 10, 2),
        by=leader.user,
    )
    analysis.refresh_from_db()
    assert (analysis.signed_off_by, analysis.signed_off_on) == (
        leader.user,
        datetime.date(2025, 10, 2),
    )


def test_changing_a_signed_off_analysis_withdraws_the_sign_off(school, leader):
    analysis = EqualityAnalysisFactory(
        school=school, signed_off_by=leader.user, signed_off_on=datetime.date(2025, 10, 2)
    )
    services.equality_analysis_update(
        analysis=analysis, by=leader.user, impacts={}, mitigations="Allowed head coverings."
    )
    analysis.refresh_from_db()
    assert not analysis.is_signed_off
    assert analysis.mitigations == "Allowed head coverings."


def test_a_figure_is_kept_as_the_school_publishes_it(school, leader):
    """A count with the school's own percentage (310/499 published as 62%), a percentage
    alone, and a category listed without figures ("Undeclared")."""
    profile = PopulationProfileFactory(school=school, headcount=499)
    record = functools.partial(services.profile_figure_record, profile=profile, by=leader.user)
    both = record(category_type="sex", category="male", count=310, percent=Decimal(62))
    alone = record(category_type="sex", category="female", percent=Decimal("37.8"))
    empty = record(category_type="sex", category="Undeclared")
    assert (both.count, both.percent) == (310, Decimal(62))
    assert (alone.count, alone.percent) == (None, Decimal("37.8"))
    assert (empty.count, empty.percent) == (None, None)


def test_ethnicity_is_recorded_at_one_level(school, leader):
    profile = PopulationProfileFactory(school=school)
    services.profile_figure_record(
        profile=profile, by=leader.user, category_type="ethnicity", category="WBRI", count=400
    )
    with pytest.raises(ValidationError) as error:
        services.profile_figure_record(
            profile=profile,
            by=leader.user,
            category_type="ethnicity_major",
            category="WHIT",
            count=9,
        )
    assert error.value.message_dict["category"] == [BOTH_ETHNICITY_LEVELS]


def test_published_percentages_of_one_characteristic_cannot_pass_100(school, leader):
    profile = PopulationProfileFactory(school=school)
    services.profile_figure_record(
        profile=profile,
        by=leader.user,
        category_type="sex",
        category="male",
        percent=Decimal("63.6"),
    )
    with pytest.raises(ValidationError) as error:
        services.profile_figure_record(
            profile=profile,
            by=leader.user,
            category_type="sex",
            category="female",
            percent=Decimal(40),
        )
    assert "would add up to 103.6%" in error.value.message_dict["percent"][0]


# --- CSV import ------------------------------------------------------------------------------

POPULATION_HEADER = ",".join(services.POPULATION_COLUMNS)
OUTCOME_HEADER = ",".join(services.OUTCOME_COLUMNS)


def upload(text: str, *, encoding="utf-8", name="figures.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def test_a_good_population_file_imports_every_row(school, leader):
    file = upload(
        "\ufeff"  # Excel's byte-order mark
        + POPULATION_HEADER
        + "\npupils,2025-01-16,sex,Female,412,,,\n"
        + "pupils,16/01/2025,sex,male,430,,,\n"
        + "pupils,2025-01-16,ethnicity,wbri,640,,66,82\n"
        + "staff,2024-11-07,sex,female,,63,,\n"
        + "pupils,2025-01-16,custom,Young carers,12,,,\n"
        + ",,,,,,,\n"
    )
    assert services.population_import(school=school, file=file, by=leader.user) == 5
    pupils = PopulationProfile.objects.get(population="pupils")
    assert pupils.census_date == datetime.date(2025, 1, 16)
    assert pupils.figures.get(category="WBRI").comparator_la_percent == Decimal(66)
    assert pupils.figures.get(category="female").count == 412
    assert pupils.figures.get(category_type="custom").category == "Young carers"
    assert PopulationProfile.objects.get(population="staff").figures.get().percent == 63


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_bad_row(school, leader):
    file = upload(
        POPULATION_HEADER
        + "\npupils,2025-01-16,sex,female,412,,,\n"  # line 2: good
        + "pupils,2025-01-16,sex,male,-3,,,\n"  # line 3
        + "pupils,2025-01-16,ethnicity,=SUM(E2:E3),5,,,\n"  # line 4
        + "pupils,2025-01-16,eal,eal,seven,,,\n"  # line 5
        + "pupils,2025-01-16,fsm,fsm,20,,120,\n"  # line 6
        + "pupils,2025-13-01,sex,male,1,,,\n"  # line 7
        + "pupils,2025-01-16,sex,female,3,,,\n"  # line 8: repeats line 2
        + "pupils,2025-01-16,sex,not_known,2,,\n"  # line 9: a column short
    )
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [
        "Line 9: the row has 7 values but the header has 8 columns."
    ]
    file = upload(file.open().read().decode().rsplit("pupils,2025-01-16,sex,not_known", 1)[0])
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    messages = error.value.message_dict["file"]
    assert messages[0] == "Line 3: count: '-3' is not a whole number of 0 or more."
    assert messages[1].startswith("Line 4: category: '=SUM(E2:E3)' looks like a spreadsheet")
    assert messages[2] == "Line 5: count: 'seven' is not a whole number of 0 or more."
    assert messages[3] == "Line 6: comparator_la_percent: '120' is not a percentage from 0 to 100."
    assert messages[4] == (
        "Line 7: census_date: '2025-13-01' is not a date such as 2025-01-16 or 16/01/2025."
    )
    assert messages[5] == "Line 8: category: This category is already recorded for this census."
    assert len(messages) == 6
    assert not PopulationProfile.objects.exists()
    assert not ProfileFigure.objects.exists()


def test_a_file_with_the_wrong_columns_names_the_expected_ones(school, leader):
    file = upload("population,date,category,count\npupils,2025-01-16,female,3\n")
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [
        services.WRONG_COLUMNS.format(
            expected=POPULATION_HEADER, found="population,date,category,count"
        )
    ]


def test_categories_import_by_census_code_or_label_as_the_school_publishes_them(school, leader):
    """ "White British" is WBRI as well as "WBRI"; a count comes with its percentage; a
    category of the school's own, and one listed without figures, keep their words."""
    name = "Pupils who joined from schools abroad in the last two academic years " * 2
    for text in (POPULATION_HEADER, "\ufeff" + POPULATION_HEADER):  # with and without a BOM
        PopulationProfile.objects.all().delete()
        file = upload(
            text
            + "\npupils,2025-01-16,ethnicity,White British,317,81.9,,\n"
            + "pupils,2025-01-16,ethnicity,black – african,6,1.5%,,\n"
            + "pupils,2025-01-16,ethnicity,White Asian,2,0.7,,\n"
            + "pupils,2025-01-16,disability,Undeclared,,,,\n"
            + f"pupils,2025-01-16,language,{name.strip()},12,,,\n"
        )
        assert services.population_import(school=school, file=file, by=leader.user) == 5
        figures = {f.category: f for f in ProfileFigure.objects.all()}
        assert (figures["WBRI"].count, figures["WBRI"].percent) == (317, Decimal("81.9"))
        assert figures["BAFR"].percent == Decimal("1.5")
        assert figures["White Asian"].count == 2
        assert (figures["Undeclared"].count, figures["Undeclared"].percent) == (None, None)
        assert figures[name.strip()].count == 12


def test_odd_files_get_a_clear_message_and_import_nothing(school, leader):
    cases = {
        "utf-16": (upload(POPULATION_HEADER + "\n", encoding="utf-16"), services.UTF16),
        "superscript": (
            upload(POPULATION_HEADER + "\npupils,2025-01-16,sex,male,²,,,\n"),
            "Line 2: count: '²' is not a whole number of 0 or more.",
        ),
        "formula": (
            upload(POPULATION_HEADER + "\npupils,2025-01-16,custom,=SUM(E1:E9),3,,,\n"),
            "Line 2: category: '=SUM(E1:E9)' looks like a spreadsheet formula, not a category "
            "name. Type the name itself.",
        ),
        "nul": (
            upload(POPULATION_HEADER + "\npupils,2025-01-16,custom,Chess\x00,3,,,\n"),
            "Line 2: the row contains a NUL character, which is not text. Retype the row.",
        ),
    }
    for case, (file, message) in cases.items():
        with pytest.raises(ValidationError) as error:
            services.population_import(school=school, file=file, by=leader.user)
        assert error.value.message_dict["file"] == [message], case
    assert not ProfileFigure.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(school, leader):
    file = upload(
        POPULATION_HEADER + "\npupils,2025-01-16,custom,Café club,12,,,\n", encoding="cp1252"
    )
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [services.NOT_UTF8]


def test_a_file_with_only_a_header_is_refused(school, leader):
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=upload(POPULATION_HEADER), by=leader.user)
    assert error.value.message_dict["file"] == [services.NO_ROWS]


def test_a_file_over_2_mb_is_refused(school, leader, monkeypatch):
    monkeypatch.setattr(services, "MAX_UPLOAD_BYTES", 100)
    file = upload(POPULATION_HEADER + "\n" + "pupils,2025-01-16,sex,female,412,,,\n" * 5)
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [services.FILE_TOO_LARGE]


def test_an_outcome_file_imports_and_a_bad_one_names_its_lines(school, leader):
    good = (
        OUTCOME_HEADER
        + "\n2024-25,,attainment,Grade 4+ in English and maths,percent,Disadvantaged pupils,"
        "38,52.6,Other pupils nationally,,72.1,DfE performance tables\n"
    )
    assert services.outcome_import(school=school, file=upload(good), by=leader.user) == 1
    measure = OutcomeMeasure.objects.get()
    assert (measure.academic_year, measure.group_size, measure.group_value) == (
        2024,
        38,
        Decimal("52.6"),
    )
    bad = (
        OUTCOME_HEADER
        + "\n2024-26,,attainment,A,percent,B,1,2,C,,3,\n"
        + "2024-25,winter,grades,A,percent,B,1,150,C,,3,\n"
    )
    with pytest.raises(ValidationError) as error:
        services.outcome_import(school=school, file=upload(bad), by=leader.user)
    assert error.value.message_dict["file"] == [
        "Line 2: academic_year: '2024-26' is not an academic year such as 2024-25.",
        "Line 3: term: 'winter' is not one of: autumn, spring, summer.",
    ]
    assert OutcomeMeasure.objects.count() == 1


def test_a_leader_of_the_school_is_needed_for_sign_off_even_when_a_member_elsewhere(
    school, other_school, make_member
):
    elsewhere = make_member(Role.LEADERSHIP, at=other_school)
    analysis = EqualityAnalysisFactory(school=school)
    with pytest.raises(ValidationError):
        services.equality_analysis_sign_off(
            analysis=analysis, signed_off_on=datetime.date(2025, 10, 2), by=elsewhere.user
        )


# --- CSV import in bulk: history, all or nothing, COPY's escaping (issue 16) ----------------


def test_every_imported_figure_and_new_profile_has_one_history_row_by_the_importer(school, leader):
    """The bulk import writes history as a save would: '+', the importer, the clock's moment,
    and the values saved (on PostgreSQL the figures' history is written with COPY)."""
    moment = datetime.datetime(2025, 3, 4, 10, 30, tzinfo=datetime.UTC)
    existing = PopulationProfileFactory(
        school=school, created_by=leader.user, census_date=datetime.date(2025, 1, 16)
    )
    file = upload(
        POPULATION_HEADER
        + "\npupils,2025-01-16,sex,female,412,48.9,,\n"  # into the existing profile
        + "staff,2024-11-07,ethnicity,White British,30,75,80,81.5\n"  # a new profile
        + "staff,2024-11-07,custom,Undeclared,,,,\n"
    )
    with time_machine.travel(moment, tick=False):
        assert services.population_import(school=school, file=file, by=leader.user) == 3
    figures = ProfileFigure.objects.all()
    history = ProfileFigure.history.all()
    assert history.count() == figures.count() == 3
    for figure in figures:
        row = history.get(id=figure.pk)
        assert (row.history_type, row.history_user, row.history_date) == ("+", leader.user, moment)
        assert (row.profile_id, row.category_type, row.category) == (
            figure.profile_id,
            figure.category_type,
            figure.category,
        )
        assert (
            row.count,
            row.percent,
            row.comparator_la_percent,
            row.comparator_national_percent,
        ) == (
            figure.count,
            figure.percent,
            figure.comparator_la_percent,
            figure.comparator_national_percent,
        )
    assert history.get(category="WBRI").comparator_national_percent == Decimal("81.5")
    assert history.get(category="Undeclared").count is None
    staff = PopulationProfile.objects.get(population="staff")
    profile_history = PopulationProfile.history.filter(id=staff.pk).get()
    assert (profile_history.history_type, profile_history.history_user) == ("+", leader.user)
    assert profile_history.history_date == moment
    # The existing profile is unchanged: no history row of its own from the import.
    assert PopulationProfile.history.filter(id=existing.pk).count() == 1


def test_the_same_figure_at_two_census_dates_is_saved_in_each_profile_with_fresh_ids(
    school, leader
):
    """The import checks a repeated figure once and writes it once per row, each with its own
    profile and its own id from the figures' sequence, which a form's figure goes on from."""
    file = upload(
        POPULATION_HEADER
        + "\npupils,2024-01-18,sex,female,412,48.9,,\n"
        + "pupils,2025-01-16,sex,female,412,48.9,,\n"
    )
    assert services.population_import(school=school, file=file, by=leader.user) == 2
    figures = ProfileFigure.objects.order_by("profile__census_date")
    assert [f.profile.census_date for f in figures] == [
        datetime.date(2024, 1, 18),
        datetime.date(2025, 1, 16),
    ]
    assert [(f.category, f.count, f.percent) for f in figures] == [
        ("female", 412, Decimal("48.9"))
    ] * 2
    assert sorted(ProfileFigure.history.values_list("id", "profile_id")) == sorted(
        figures.values_list("id", "profile_id")
    )
    recorded = services.profile_figure_record(
        profile=figures[0].profile, by=leader.user, category_type="sex", category="male", count=1
    )
    assert recorded.pk not in {f.pk for f in figures}


def test_a_bad_row_saves_no_figure_profile_or_history_row(school, leader):
    PopulationProfileFactory(
        school=school, created_by=leader.user, census_date=datetime.date(2025, 1, 16)
    )
    profiles = PopulationProfile.history.count()
    file = upload(
        POPULATION_HEADER
        + "\npupils,2025-01-16,sex,female,412,,,\n"
        + "staff,2024-11-07,sex,female,30,,,\n"
        + "staff,2024-11-07,sex,male,31,,,\n"
        + "pupils,2025-01-16,sex,male,12.5,,,\n"  # line 5
    )
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [
        "Line 5: count: '12.5' is not a whole number of 0 or more."
    ]
    assert PopulationProfile.objects.count() == 1
    assert PopulationProfile.history.count() == profiles
    assert not ProfileFigure.objects.exists()
    assert not ProfileFigure.history.exists()


def test_a_percentage_with_two_decimal_places_is_named_after_the_rows_other_checks(school, leader):
    """A field's own rule (one decimal place) is reported for every figure column that breaks
    it, once the row's values have been read."""
    file = upload(POPULATION_HEADER + "\npupils,2025-01-16,sex,female,412,48.95,66.25,\n")
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    messages = error.value.message_dict["file"]
    assert len(messages) == 2
    assert messages[0].startswith("Line 2: percent: Ensure that there are no more than 1 decimal")
    assert messages[1].startswith("Line 2: comparator_la_percent: Ensure that there are no more")


def test_category_names_with_tabs_backslashes_and_line_breaks_are_saved_as_written(school, leader):
    """COPY's text format gives tabs, backslashes and line breaks a meaning: a school's own
    category name keeps them, in the figure and its history."""
    names = ["Club\\Society", "Tab\there", "Two\nlines", "Ends with \\N", "Carriage\rreturn"]
    lines = [f'pupils,2025-01-16,custom,"{name}",{n},,,' for n, name in enumerate(names, 1)]
    file = upload(POPULATION_HEADER + "\n" + "\n".join(lines) + "\n")
    assert services.population_import(school=school, file=file, by=leader.user) == len(names)
    assert sorted(ProfileFigure.objects.values_list("category", flat=True)) == sorted(names)
    assert sorted(ProfileFigure.history.values_list("category", flat=True)) == sorted(names)
    assert ProfileFigure.objects.get(category="Tab\there").count == 2


def test_an_import_into_an_existing_profile_forgets_the_schools_compliance_snapshot(school, leader):
    """A bulk insert sends no signal per row; the import tells the snapshots once, also when
    it only adds figures to profiles that were already there."""
    PopulationProfileFactory(
        school=school, created_by=leader.user, census_date=datetime.date(2025, 1, 16)
    )
    ComplianceSnapshot.objects.create(
        school=school, computed_on=datetime.date(2025, 3, 1), checks={}
    )
    file = upload(POPULATION_HEADER + "\npupils,2025-01-16,sex,female,412,,,\n")
    services.population_import(school=school, file=file, by=leader.user)
    assert not ComplianceSnapshot.objects.filter(school=school).exists()


# --- CSV import: a profile's group and headcount (issue 16, item 1) --------------------------

PROFILE_HEADER = POPULATION_HEADER + ",group,headcount"


def test_group_and_headcount_columns_make_a_groups_profile_with_its_headcount(school, leader):
    file = upload(
        PROFILE_HEADER
        + "\npupils,2025-01-16,sex,female,14,,,,Year 6,30\n"
        + "pupils,2025-01-16,sex,male,,53.3,,,Year 6,\n"  # the headcount given once is enough
        + "pupils,2025-01-16,sex,female,412,,,,,842\n"  # the whole population, its own profile
    )
    assert services.population_import(school=school, file=file, by=leader.user) == 3
    year6 = PopulationProfile.objects.get(cohort="Year 6")
    whole = PopulationProfile.objects.get(cohort="")
    assert (year6.headcount, whole.headcount) == (30, 842)
    assert sorted(year6.figures.values_list("category", flat=True)) == ["female", "male"]
    assert whole.figures.get().count == 412
    # A file without the two columns still imports into the whole population's profile.
    file = upload(POPULATION_HEADER + "\npupils,2025-01-16,sex,male,430,,,\n")
    assert services.population_import(school=school, file=file, by=leader.user) == 1
    assert whole.figures.get(category="male").count == 430


def test_a_headcount_is_one_per_census_and_no_count_is_over_it(school, leader):
    PopulationProfileFactory(
        school=school, created_by=leader.user, census_date=datetime.date(2025, 1, 16)
    )
    file = upload(
        PROFILE_HEADER
        + "\nstaff,2024-11-07,sex,female,40,,,,,35\n"  # line 2: over the headcount
        + "staff,2024-11-07,sex,male,20,,,,,36\n"  # line 3: another headcount
        + "governors,2024-11-07,sex,male,9,,,,,\n"
        + "governors,2024-11-07,sex,female,3,,,,,8\n"  # line 5: under line 4's count
        + "pupils,2025-01-16,sex,female,4,,,,,900\n"  # line 6: the profile has none
        + "pupils,2025-01-16,sex,male,4,,,,,lots\n"  # line 7
    )
    with pytest.raises(ValidationError) as error:
        services.population_import(school=school, file=file, by=leader.user)
    assert error.value.message_dict["file"] == [
        "Line 2: count: The count, 40, is more than the headcount of 35.",
        "Line 3: headcount: this census's headcount is 35, not 36.",
        "Line 5: headcount: 8 is less than the count of 9 on line 4.",
        "Line 6: headcount: " + services.HEADCOUNT_NOT_RECORDED,
        "Line 7: headcount: 'lots' is not a whole number of 0 or more.",
    ]
    assert PopulationProfile.objects.count() == 1
    assert not ProfileFigure.objects.exists()
