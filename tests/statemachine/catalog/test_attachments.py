"""The documents a case asks for: a power of attorney from co-tenants when there are any."""

from __future__ import annotations

from statemachine.catalog.attachments import attachments_for


def _asked(*, represented: bool, co_tenants: bool = False) -> dict[str, bool]:
    return {
        a.id: required
        for a, required in attachments_for(
            "maintenance", represented=represented, co_tenants=co_tenants
        )
    }


def test_others_on_the_lease_give_a_required_power_of_attorney() -> None:
    # domain.md §1.2: Odense and Aarhus want a fuldmagt from every tenant on the lease.
    assert _asked(represented=False, co_tenants=True)["co_tenant_power_of_attorney"] is True
    assert "co_tenant_power_of_attorney" not in _asked(represented=False)


def test_a_representative_with_co_tenants_gives_both_powers_of_attorney() -> None:
    asked = _asked(represented=True, co_tenants=True)
    assert asked["power_of_attorney"] is True and asked["co_tenant_power_of_attorney"] is True
    ids = list(asked)
    assert ids.index("power_of_attorney") < ids.index("co_tenant_power_of_attorney")
    assert ids.index("co_tenant_power_of_attorney") < ids.index("fee_receipt")
