"""The demo trust's gender pay gap: a payroll generated for the latest 31 March snapshot.

The payroll is invented (seeded, so every load gives the same report) with the two seed
schools' staff counts; only the measures are kept, as for a real import.
"""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile

from equality_portal import dates
from equality_portal.schools.models import Membership, School
from equality_portal.schools.roles import Role

from . import selectors, services
from .paygap import snapshot_date

# (share of posts, hourly pay range, share women, chance of a bonus, bonus range)
GRADES = [
    (0.30, (11.50, 13.50), 0.85, 0.00, (0, 0)),  # support staff
    (0.45, (18.00, 27.00), 0.70, 0.05, (150, 400)),  # teachers
    (0.15, (27.00, 33.00), 0.60, 0.10, (300, 800)),  # middle leaders
    (0.10, (35.00, 55.00), 0.45, 0.30, (800, 2500)),  # senior leaders
]


def payroll_csv(employees: int, *, seed: int = 17) -> str:
    rng = random.Random(seed)  # noqa: S311 (invented demo data, not security)
    rows = ["sex,hourly_pay,bonus_pay"]
    for share, (low, high), women, bonus_chance, (bonus_low, bonus_high) in GRADES:
        for _ in range(round(employees * share)):
            sex = "female" if rng.random() < women else "male"
            pay = rng.uniform(low, high)
            bonus = rng.uniform(bonus_low, bonus_high) if rng.random() < bonus_chance else 0
            rows.append(f"{sex},{pay:.2f},{bonus:.2f}")
    return "\n".join(rows) + "\n"


def load(*, schools: dict[str, School]) -> None:
    school = schools["carrington"]
    snapshot = snapshot_date(dates.today())
    if any(r.snapshot_date == snapshot for r in selectors.pay_gap_reports(school=school)):
        return
    leader = (
        Membership.objects.filter(school=school, role=Role.LEADERSHIP)
        .select_related("user")
        .first()
    )
    employees = selectors.employer_headcount(selectors.employer_of(school))
    payroll = payroll_csv(employees).encode()
    services.pay_gap_import(
        school=school,
        file=SimpleUploadedFile("payroll.csv", io.BytesIO(payroll).read()),
        snapshot=snapshot,
        by=leader.user if leader else None,
    )
