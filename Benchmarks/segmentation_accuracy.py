#!/usr/bin/env python3
"""Word-segmentation F1 of `triage tokenize`, ICU's word break and jieba on a Universal
Dependencies Chinese test set (CoNLL-U), e.g. UD_Chinese-GSD (Traditional) and UD_Chinese-GSDSimp.

    pip install PyICU jieba
    python3 Benchmarks/segmentation_accuracy.py .build/release/triage zh_gsd-ud-test.conllu ...

Words are compared as character spans of the sentence with whitespace removed: a predicted word
counts when both its ends match a gold word's.
"""
import subprocess
import sys


def sentences(path):
    text, words = None, []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line and not line.startswith("#"):
            fields = line.split("\t")
            if "-" not in fields[0] and "." not in fields[0]:
                words.append(fields[1])
        elif not line and text is not None:
            yield text, words
            text, words = None, []


def spans(words):
    result, position = set(), 0
    for word in words:
        length = len("".join(word.split()))
        if length:
            result.add((position, position + length))
            position += length
    return result


def f1(gold, predicted):
    hits = sum(len(g & p) for g, p in zip(gold, predicted))
    precision = hits / sum(len(p) for p in predicted)
    recall = hits / sum(len(g) for g in gold)
    return 2 * precision * recall / (precision + recall)


def ours(binary, texts):
    output = subprocess.run([binary, "tokenize", "--input", "-"], input="\n".join(texts) + "\n",
                            capture_output=True, text=True, check=True).stdout
    return [line.split(" ") for line in output.split("\n")[: len(texts)]]


def icu(texts):
    import icu as pyicu
    iterator = pyicu.BreakIterator.createWordInstance(pyicu.Locale("zh"))
    result = []
    for text in texts:
        iterator.setText(text)
        utf16 = text.encode("utf-16-le")
        bounds = [0] + list(iterator)
        pieces = [utf16[2 * a:2 * b].decode("utf-16-le") for a, b in zip(bounds, bounds[1:])]
        result.append([p for p in pieces if p.strip()])
    return result


def jieba_words(texts):
    import jieba
    jieba.setLogLevel(60)
    return [[w for w in jieba.cut(text) if w.strip()] for text in texts]


def main():
    binary, files = sys.argv[1], sys.argv[2:]
    print(f"{'test set':28} {'sentences':>9} {'triage':>7} {'ICU':>7} {'jieba':>7}")
    for path in files:
        data = list(sentences(path))
        texts = [t for t, _ in data]
        gold = [spans(w) for _, w in data]
        scores = [f1(gold, [spans(w) for w in segmenter(texts)])
                  for segmenter in (lambda t: ours(binary, t), icu, jieba_words)]
        print(f"{path.split('/')[-1]:28} {len(texts):9d} " + " ".join(f"{s:7.3f}" for s in scores))


if __name__ == "__main__":
    main()
