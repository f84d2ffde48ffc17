#!/usr/bin/env python3
"""Generate data/pinyin.txt: the Mandarin readings of each Han character.

Source: Unihan (kMandarin, then kHanyuPinyin), from Debian's `unicode-data`
package (Unicode License v3, see data/LICENSES.md). Usage:

    scripts/gen_pinyin.py [PATH-TO-unicode-data.deb-or-Unihan_Readings.txt.bz2]

Without an argument the package is fetched with `apt-get download unicode-data`.
Output: one line per character, `CHAR<TAB>reading reading ...`, toned pinyin, the
kMandarin readings first (the first is the most common one), BMP Han only.
"""
import bz2, os, re, subprocess, sys, tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "pinyin.txt"


def readings_file(arg):
    if arg and arg.endswith(".bz2"):
        return Path(arg)
    tmp = Path(tempfile.mkdtemp())
    deb = Path(arg) if arg else None
    if deb is None:
        subprocess.run(["apt-get", "download", "unicode-data"], cwd=tmp, check=True)
        deb = next(tmp.glob("unicode-data_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp / "x")], check=True)
    return next((tmp / "x").rglob("Unihan_Readings.txt.bz2"))


def main():
    path = readings_file(sys.argv[1] if len(sys.argv) > 1 else None)
    mandarin, hanyu = {}, {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            c = chr(int(cp[2:], 16))
            if ord(c) > 0xFFFF:
                continue
            if field == "kMandarin":
                mandarin[c] = value.split()
            elif field == "kHanyuPinyin":
                out = []
                for entry in value.split():
                    out.extend(entry.split(":", 1)[1].split(","))
                hanyu[c] = out
    lines = []
    for c in sorted(set(mandarin) | set(hanyu)):
        seen = []
        for r in mandarin.get(c, []) + hanyu.get(c, []):
            if r not in seen:
                seen.append(r)
        lines.append(f"{c}\t{' '.join(seen)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} characters")


if __name__ == "__main__":
    main()
