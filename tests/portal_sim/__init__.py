"""A reference implementation of the client portal's sync API (``app/sync/portal_api.yaml``) for tests
and demos, with deterministic fault injection.

Run it with ``python -m tests.portal_sim --port 8765``, or in-process::

    with start_portal(seed_incidents=20, drop_rate=0.1) as portal:
        ...  # portal.url, portal.token, portal.state(), portal.set_faults(...)
"""

from tests.portal_sim.faults import FaultConfig
from tests.portal_sim.server import PortalHandle, start_portal

__all__ = ["FaultConfig", "PortalHandle", "start_portal"]
