#!/usr/bin/env python3
"""Generate data/zh_words2.txt: common two-character words of Simplified Chinese.

Source: jieba's dictionary (`jieba/dict.txt`, MIT, see data/LICENSES.md), the
word-frequency list of the jieba segmenter. Kept: words of two characters, both
in GB2312, with a frequency of at least MIN_FREQ, most frequent first. Usage:

    scripts/gen_words.py [PATH-TO-jieba-sdist.tar.gz-or-dict.txt]

Without an argument the sdist is fetched with `pip download jieba`. Output: one
word a line.
"""
import subprocess, sys, tarfile, tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "zh_words2.txt"
MIN_FREQ = 100


def dict_text(arg):
    if arg and arg.endswith(".txt"):
        return Path(arg).read_text(encoding="utf-8")
    tmp = Path(tempfile.mkdtemp())
    if arg:
        sdist = Path(arg)
    else:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "jieba==0.42.1", "--no-deps",
             "--no-binary", ":all:", "-d", str(tmp)],
            check=True,
        )
        sdist = next(tmp.glob("jieba-*.tar.gz"))
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("jieba/dict.txt"))
        return tar.extractfile(member).read().decode("utf-8")


def main():
    words = []
    for line in dict_text(sys.argv[1] if len(sys.argv) > 1 else None).splitlines():
        parts = line.split()
        if len(parts) < 2 or len(parts[0]) != 2:
            continue
        word, freq = parts[0], int(parts[1])
        try:
            word.encode("gb2312")
        except UnicodeEncodeError:
            continue
        if freq >= MIN_FREQ and all("\u4e00" <= c <= "\u9fff" for c in word):
            words.append((-freq, word))
    words.sort()
    OUT.write_text("".join(w + "\n" for _, w in words), encoding="utf-8")
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
