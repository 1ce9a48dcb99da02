"""The data sets the benchmarks measure (no Django imports: the runner reads them)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    """A data set: how many schools (the measured one included), years and incidents."""

    name: str
    schools: int
    years: int
    incidents_per_school_year: int
    description: str

    @property
    def incidents(self) -> int:
        return self.schools * self.years * self.incidents_per_school_year


SIZES = {
    "school": Size("school", 1, 1, 200, "one school, one year"),
    "quick": Size("quick", 5, 2, 100, "five schools, two years (a laptop's quick run)"),
    "trust": Size("trust", 20, 5, 200, "a trust: 20 schools, five years"),
    "county": Size("county", 500, 10, 200, "a county: 500 schools, ten years"),
}


# The managers' incident list, filtered and searched, and the CSV of a filtered list: measured
# like the dashboard, at one school's size and at the data set's.
def incidents_list_path(slug: str) -> str:
    return f"/schools/{slug}/incidents/?motivation=race&status=open&search=pupil"


def incidents_export_path(slug: str) -> str:
    return f"/schools/{slug}/incidents/export.csv?motivation=race"
