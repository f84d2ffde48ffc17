#!/usr/bin/env python3
"""Peer speed measurement: Python `trafilatura` on the local HTML corpora.

This is a *peer* measurement for the speed table in README.md. It is not part
of the test suite and nothing in the crate depends on it. It only uses the
standard library and trafilatura.

Setup (outside the repo; Python 3.11 was used):

    python3 -m venv ../venv-traf
    ../venv-traf/bin/pip install trafilatura
    # trafilatura 2.3.1 pulls in jusText, which imports lxml.html.clean; with
    # lxml >= 5.2 that module is a separate package. If `import trafilatura`
    # fails with "lxml.html.clean module is now a separate project", also run:
    ../venv-traf/bin/pip install lxml_html_clean

Run (from the repo root; single process, single thread):

    ../venv-traf/bin/python scripts/peer_trafilatura.py [CORPUS_DIR ...]

With no arguments the two corpora next to the repo are used:
    ../shared/corpora/scrapinghub/html   (181 pages, some *.html.gz)
    ../shared/corpora/daniel-zh/html     (401 pages, partly GBK etc.)

What it does:
  * Loads every file of a corpus into memory as raw bytes first (files ending
    in .gz are gunzipped). MB = total size of these decompressed bytes / 1e6.
  * Runs one untimed warm-up pass of trafilatura.extract over the first 10
    pages of the corpus.
  * Times `trafilatura.extract(page_bytes)` over all pages with
    time.perf_counter, 3 times, and reports the best of 3 (plus all 3 runs).

Options: `trafilatura.extract(page)` with all defaults (trafilatura 2.3.1:
output_format="txt", include_comments=True, include_tables=True,
fast=False (fallback extractors enabled), favor_precision/favor_recall=False,
with_metadata=False, deduplicate=False). The raw bytes are passed; trafilatura
detects the encoding itself (utils.decode_file: charset_normalizer/meta
charset), i.e. encoding detection is included in the timing. Pages for which
extract() raises are counted as errors (their time is still included) and
pages returning None are counted as "empty".
"""

import gzip
import os
import sys
import time

import trafilatura

REPEATS = 3
WARMUP_PAGES = 10

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_CORPORA = [
    os.path.join(REPO, "..", "shared", "corpora", "scrapinghub", "html"),
    os.path.join(REPO, "..", "shared", "corpora", "daniel-zh", "html"),
]


def load_corpus(directory):
    pages = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            data = f.read()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        pages.append(data)
    return pages


def run_once(pages):
    empty = errors = 0
    start = time.perf_counter()
    for page in pages:
        try:
            out = trafilatura.extract(page)
        except Exception:  # noqa: BLE001 - count and keep going
            errors += 1
            continue
        if not out:
            empty += 1
    return time.perf_counter() - start, empty, errors


def main(argv):
    corpora = argv[1:] or DEFAULT_CORPORA
    print(f"trafilatura {trafilatura.__version__}, Python {sys.version.split()[0]}")
    print("options: trafilatura.extract(raw_bytes) with default settings")
    for directory in corpora:
        directory = os.path.normpath(directory)
        pages = load_corpus(directory)
        if not pages:
            print(f"{directory}: no pages")
            continue
        mb = sum(len(p) for p in pages) / 1e6
        for page in pages[:WARMUP_PAGES]:
            try:
                trafilatura.extract(page)
            except Exception:  # noqa: BLE001
                pass
        times = []
        for _ in range(REPEATS):
            elapsed, empty, errors = run_once(pages)
            times.append(elapsed)
        best = min(times)
        runs = ", ".join(
            f"{len(pages) / t:.1f} p/s ({mb / t:.2f} MB/s)" for t in times
        )
        print(
            f"{directory}: {len(pages)} pages, {mb:.2f} MB, "
            f"best of {REPEATS}: {len(pages) / best:.1f} pages/s, "
            f"{mb / best:.2f} MB/s  [runs: {runs}]  "
            f"empty={empty} errors={errors}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
