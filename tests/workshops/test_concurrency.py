import threading

import pytest
from django.db import OperationalError, connection, connections

from tests.factories import WorkshopFactory
from workshops.models import Registration
from workshops.services import register_attendee


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_never_overbook_the_last_seat(
    reference_municipalities, current_round, municipality_user, tynset
):
    workshop = WorkshopFactory(round=current_round, capacity=1)
    barrier = threading.Barrier(2)
    refused = []

    def register(email):
        try:
            barrier.wait(timeout=5)
            register_attendee(
                workshop,
                registered_by=municipality_user,
                municipality=tynset,
                full_name="Samtidig Person",
                email=email,
                department="planning",
                language="nb",
            )
        except OperationalError:
            # SQLite has no row locks: its database lock refuses the second writer instead.
            refused.append(email)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(f"person{n}@tynset.no",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    statuses = sorted(Registration.objects.values_list("status", flat=True))
    if connection.vendor == "postgresql":
        # SELECT ... FOR UPDATE on the workshop row serialises the two requests.
        assert (statuses, refused) == (["confirmed", "waiting"], [])
    else:
        assert statuses.count("confirmed") == 1
        assert len(statuses) + len(refused) == 2
