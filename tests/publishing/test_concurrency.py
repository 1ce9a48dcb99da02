"""Two people pressing the same button at the same moment get exactly one result: two leaders
publishing make one publication, two governors deciding make one decision."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from equality_portal.publishing import services
from equality_portal.publishing.models import Decision, Publication
from equality_portal.schools.roles import Role

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _at_once(action, users) -> list[str]:
    """Run ``action(user)`` for each user in its own thread and connection, released together;
    each outcome is "done" or the first message of the ValidationError it raised."""
    barrier = threading.Barrier(len(users))
    outcomes = []

    def run(user):
        try:
            barrier.wait()
            action(user)
            outcomes.append("done")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_simultaneous_publishes_make_one_publication(draft, governor, leader, make_member):
    other_leader = make_member(Role.LEADERSHIP)
    version = services.statement_submit(draft=draft, by=leader.user)
    services.statement_approve(version=version, by=governor.user)

    outcomes = _at_once(
        lambda user: services.statement_publish(version=version, by=user),
        [leader.user, other_leader.user],
    )
    assert sorted(outcomes) == sorted(["done", services.ALREADY_PUBLISHED.format(number=1)])
    assert Publication.objects.count() == 1


def test_two_governors_approving_at_once_make_one_decision(draft, governor, leader, make_member):
    other_governor = make_member(Role.GOVERNOR)
    version = services.statement_submit(draft=draft, by=leader.user)

    outcomes = _at_once(
        lambda user: services.statement_approve(version=version, by=user),
        [governor.user, other_governor.user],
    )
    assert outcomes.count("done") == 1
    [refusal] = [outcome for outcome in outcomes if outcome != "done"]
    assert refusal.startswith("A governor has already decided on version 1")
    assert Decision.objects.count() == 1
