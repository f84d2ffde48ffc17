#!/usr/bin/env python3
"""Generate tests/data/text/: real text in many languages, and its damage by
CPython's codecs.

Source: the gettext translations (`.mo` catalogs) that Debian's `coreutils` and
`apt` packages ship (GPL-3+ and GPL-2+; see tests/data/text/LICENSES.md). Usage:

    scripts/gen_text_corpus.py [DEB ...]

Without arguments the packages are fetched with `apt-get download`. Writes
tests/data/text/<lang>.txt (one string a line) and
tests/data/damaged/python/<chain>.tsv (original TAB damaged), the damage done by
CPython's codecs the way a Python program does it (`errors="replace"` where a
decode can fail), since the Rust tests cannot call Python.
"""
import gettext, random, re, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = ROOT / "tests" / "data" / "text"
DAMAGED = ROOT / "tests" / "data" / "damaged" / "python"
PACKAGES = ["coreutils", "apt"]
LANGS = ["zh_CN", "zh_TW", "ja", "ko", "ru", "uk", "el", "ar", "th", "vi", "tr", "pl", "cs",
         "de", "fr", "es", "pt", "lt", "mr", "bg", "sk", "hu"]
PER_LANG = 120
FORMAT = re.compile(r"%|\{\}|\\|\t|`|<[a-z]|\$\{")


def fetch(debs):
    tmp = Path(tempfile.mkdtemp())
    if not debs:
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=tmp, check=True)
        debs = sorted(tmp.glob("*.deb"))
    root = tmp / "x"
    for deb in debs:
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def strings(root, lang):
    out = []
    for mo in sorted(root.glob(f"usr/share/locale/{lang}/LC_MESSAGES/*.mo")):
        with open(mo, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
        for key, value in catalog.items():
            if not key or not isinstance(value, str):
                continue
            for line in value.splitlines():
                line = line.strip()
                if 2 <= len(line) <= 120 and not FORMAT.search(line) and any(ord(c) > 127 for c in line):
                    out.append(line)
    seen, unique = set(), []
    for s in out:
        if s not in seen:
            seen.add(s)
            unique.append(s)
    rng = random.Random(lang)
    short = [s for s in unique if len(s) <= 6]
    rest = [s for s in unique if len(s) > 6]
    rng.shuffle(short)
    rng.shuffle(rest)
    picked = short[: PER_LANG // 6] + rest[: PER_LANG - min(len(short), PER_LANG // 6)]
    return sorted(picked)


# Chains the issue lists, in CPython's codec names: (written, read).
CHAINS = [("utf-8", r) for r in ["gbk", "big5", "shift_jis", "euc_kr", "cp1252", "latin-1", "cp1250",
                                  "cp1251", "cp1253", "cp1254", "cp1257", "mac_roman", "cp437"]]
CHAINS += [(w, r) for w in ["gbk", "big5", "shift_jis", "euc_kr", "cp1251"] for r in ["cp1252", "latin-1"]]
CHAINS += [("gbk", "big5"), ("big5", "gbk")]
NATIVE = {"gbk": ["zh_CN"], "big5": ["zh_TW"], "shift_jis": ["ja"], "euc_kr": ["ko"], "cp1251": ["ru", "uk", "bg"]}


def main():
    root = fetch([Path(a) for a in sys.argv[1:]])
    TEXT.mkdir(parents=True, exist_ok=True)
    corpus = {}
    for lang in LANGS:
        picked = strings(root, lang)
        if picked:
            corpus[lang] = picked
            (TEXT / f"{lang}.txt").write_text("\n".join(picked) + "\n", encoding="utf-8")
            print(f"{lang}: {len(picked)} strings")
    DAMAGED.mkdir(parents=True, exist_ok=True)
    for written, read in CHAINS:
        langs = NATIVE.get(written, list(corpus))
        rows = []
        rng = random.Random(f"{written}>{read}")
        for lang in langs:
            sample = corpus.get(lang, [])[:]
            rng.shuffle(sample)
            for s in sample[: 40 if written != "utf-8" else 8]:
                try:
                    damaged = s.encode(written).decode(read, errors="replace")
                except UnicodeEncodeError:
                    continue
                if damaged != s:
                    rows.append(f"{s}\t{damaged}")
        name = f"{written}-as-{read}".replace("_", "-")
        (DAMAGED / f"{name}.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{name}: {len(rows)} strings")


if __name__ == "__main__":
    main()
