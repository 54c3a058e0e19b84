"""``python -m tests.portal_sim``: run the reference portal until interrupted."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date

from tests.portal_sim.server import DEFAULT_BASE_PATH, make_server

DEMO_TOKEN = "portal-demo-token"


def _rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a rate is from 0 to 1, not {text}")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.portal_sim", description=__doc__)
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free one; default 8765)")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)")
    parser.add_argument(
        "--token",
        default=os.environ.get("PORTAL_SIM_TOKEN", DEMO_TOKEN),
        help=f"bearer token expected (default $PORTAL_SIM_TOKEN or {DEMO_TOKEN!r})",
    )
    parser.add_argument("--base-path", default=DEFAULT_BASE_PATH, help=f"API prefix (default {DEFAULT_BASE_PATH})")
    parser.add_argument("--seed", type=int, default=0, help="seed for seeded data and fault draws")
    parser.add_argument("--seed-incidents", type=int, default=0, metavar="N", help="portal-declared incidents")
    parser.add_argument("--hotline-db", metavar="PATH", help="read clients and contacts from this Hotline database")
    parser.add_argument("--no-directory", action="store_true", help="start with an empty client directory")
    parser.add_argument("--state", metavar="FILE", help="keep the portal's data in this JSON file")
    parser.add_argument("--epoch", type=date.fromisoformat, help="day seeded data is dated from (default today)")
    faults = parser.add_argument_group("fault injection (also at run time: POST <base>/_admin/faults)")
    faults.add_argument("--fault-rate", type=_rate, help="R: 500s, 429s and drops R/3 each; pages R/3 each")
    faults.add_argument("--rate-500", type=_rate)
    faults.add_argument("--rate-503", type=_rate)
    faults.add_argument("--rate-429", type=_rate)
    faults.add_argument("--retry-after", type=int, help="seconds in Retry-After (default 1)")
    faults.add_argument("--drop-rate", type=_rate, help="connections closed after the request was applied")
    faults.add_argument("--latency-ms", type=int)
    faults.add_argument("--latency-jitter-ms", type=int)
    faults.add_argument("--duplicate-rate", type=_rate, help="pages repeating an earlier record")
    faults.add_argument("--malformed-rate", type=_rate, help="pages preceded by a malformed record")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    fault_names = (
        "fault_rate",
        "rate_500",
        "rate_503",
        "rate_429",
        "retry_after",
        "drop_rate",
        "latency_ms",
        "latency_jitter_ms",
        "duplicate_rate",
        "malformed_rate",
    )
    faults = {name: getattr(args, name) for name in fault_names if getattr(args, name) is not None}
    try:
        server = make_server(
            args.port,
            host=args.host,
            token=args.token,
            base_path=args.base_path,
            seed=args.seed,
            seed_incidents=args.seed_incidents,
            directory=not args.no_directory,
            hotline_db=args.hotline_db,
            state_file=args.state,
            epoch=args.epoch,
            verbose=args.verbose,
            **faults,
        )
    except (OSError, ValueError) as error:
        print(f"portal_sim: {error}", file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    stats = server.store.stats()
    print(
        f"Reference portal on http://{host}:{port}{server.base_path} (token {server.token!r}); "
        f"{stats['incidents']} incidents, feeds {stats['feeds']}; Ctrl-C to stop.",
        flush=True,
    )
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
