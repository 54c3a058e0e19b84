"""Reception report of a large backup (R-24): time and peak memory to scan, hash and print it.

Run with ``python -m tests.benchmarks.bench_receipt [DIR] [--size-mb 2048] [--files 64] [--keep]``. Without
DIR a directory of ``--files`` files totalling ``--size-mb`` is generated under the temporary folder (random
bytes, written in 1 MiB blocks) and deleted afterwards. The report is built with a throwaway key, no database.

Files are hashed in 1 MiB chunks into one reused buffer, so the peak resident memory must not grow with the
data: the figure printed (``ru_maxrss``) is the one to report, e.g. under ``/usr/bin/time -v``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from app.domain.backup_receipt import Receipt, authentication_key
from app.reports.data import ClientInfo, Vendor
from app.reports.receipt import ReceiptData, build_receipt
from app.services.backup_receipt import scan_directory

BLOCK = 1 << 20


def generate(root: Path, size_mb: int, files: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    per_file, extra = divmod(size_mb, files)
    block = os.urandom(BLOCK)
    for index in range(files):
        blocks = per_file + (1 if index < extra else 0)
        folder = root / f"exercice-{2020 + index % 7}"
        folder.mkdir(exist_ok=True)
        with (folder / f"sauvegarde-{index:04d}.bak").open("wb") as handle:
            for n in range(blocks):
                # Vary each block a little so files differ without paying for fresh random bytes.
                handle.write(index.to_bytes(4, "little") + n.to_bytes(8, "little") + block[12:])


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?")
    parser.add_argument("--size-mb", type=int, default=2048)
    parser.add_argument("--files", type=int, default=64)
    parser.add_argument("--keep", action="store_true", help="keep the generated directory")
    args = parser.parse_args()
    made = None
    if args.directory:
        root = Path(args.directory)
    else:
        made = Path(tempfile.mkdtemp(prefix="hotline-receipt-bench-"))
        root = made / "recu"
        started = time.perf_counter()
        generate(root, args.size_mb, args.files)
        print(
            f"generated {args.size_mb} MiB in {args.files} files under {root} in {time.perf_counter() - started:.1f} s"
        )
    try:
        before = peak_rss_mb()
        started = time.perf_counter()
        files = scan_directory(root)
        scanned = time.perf_counter() - started
        receipt = Receipt("C00042", datetime(2026, 11, 26, 6, 0, tzinfo=UTC), files)
        key = authentication_key(receipt, b"benchmark key, not a real one")
        started = time.perf_counter()
        pdf = build_receipt(ReceiptData(Vendor(), ClientInfo("C00042", "Commune de Test"), receipt, key))
        built = time.perf_counter() - started
        total = receipt.total_bytes
        print(f"files: {len(files)}, bytes: {total:,}")
        print(f"scan + SHA-256: {scanned:.1f} s ({total / scanned / 1e6:.0f} MB/s)")
        print(f"PDF: {len(pdf):,} bytes in {built:.2f} s")
        print(f"peak RSS: {peak_rss_mb():.1f} MiB (before scanning: {before:.1f} MiB)")
    finally:
        if made is not None and not args.keep:
            shutil.rmtree(made, ignore_errors=True)


if __name__ == "__main__":
    main()
