"""Two leaders pressing Publish at the same moment make one publication, not two."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from equality_portal.publishing import services
from equality_portal.publishing.models import Publication

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_publishes_make_one_publication(draft, governor, leader, make_member):
    from equality_portal.schools.roles import Role

    other_leader = make_member(Role.LEADERSHIP)
    services.statement_approve(draft=draft, by=governor.user)
    barrier = threading.Barrier(2)
    outcomes = []

    def publish(user):
        try:
            barrier.wait()
            services.statement_publish(draft=draft, by=user)
            outcomes.append("published")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=publish, args=(u,)) for u in (leader.user, other_leader.user)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["published", services.ALREADY_PUBLISHED])
    assert Publication.objects.count() == 1
