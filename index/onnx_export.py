"""Export a local sentence-transformers folder to ONNX (float32), and quantize a copy to int8.

The TorchScript exporter (`dynamo=False`, opset 17) traces the folder's own modules, so the graph computes
what sentence-transformers computes: encoder, mean pooling, L2 normalization. Batch and sequence axes stay
dynamic. The graph starts from the token embeddings, not the token ids: the embedding table (the model's
largest tensor) is written apart, for the kept vocabulary only (index/vocab_prune.py), and read row by row
when a text is encoded (index/onnx_encoder.py), so it never sits in the server's memory. Imported only when
an ONNX file has to be made: this is where torch comes in.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import torch
from sentence_transformers import SentenceTransformer

from index.onnx_encoder import INPUT_NAMES, OUTPUT_NAME, TOKENIZER_FILE, PromptTokenizer
from index.st_folder import FolderConfig
from index.vocab_prune import kept_ids, pruned

OPSET = 17
# Different lengths, so the traced graph pads and keeps its attention mask (an unpadded trace could drop it).
_TRACE_TEXTS = ("청년취업사관학교 예산", "서울패션허브 임대료 지출을 줄이는 방법은 무엇인가")


class _Pipeline(torch.nn.Module):
    """(token embeddings, attention_mask) -> the sentence embedding of the folder's own module chain: the
    transformer from its embedding layer on (position embeddings and layer norm included), then pooling and
    normalization as the folder declares them."""

    def __init__(self, model: SentenceTransformer) -> None:
        super().__init__()
        self.model = model

    def forward(self, inputs_embeds: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        transformer, *after = list(self.model)
        hidden = transformer.auto_model(inputs_embeds=inputs_embeds, attention_mask=attention_mask).last_hidden_state
        features = {"token_embeddings": hidden, "attention_mask": attention_mask}
        for module in after:
            features = module(features)
        return features["sentence_embedding"]


def export_fp32(folder: Path, out: Path) -> None:
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True).eval()
    batch = PromptTokenizer(folder / TOKENIZER_FILE, FolderConfig.read(folder)).encode(list(_TRACE_TEXTS), prompt="")
    table = model[0].auto_model.get_input_embeddings()
    inputs = (table(torch.from_numpy(batch.input_ids)).detach(), torch.from_numpy(batch.attention_mask))
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUT_NAMES} | {OUTPUT_NAME: {0: "batch"}}
    with torch.no_grad(), warnings.catch_warnings():
        # Expected: the exporter is the legacy one on purpose, and the trace fixes shape checks that hold for
        # every padded batch (tests/index/test_onnx_encoder.py compares the result with sentence-transformers).
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        torch.onnx.export(_Pipeline(model), inputs, str(out), dynamo=False, opset_version=OPSET,
                          input_names=list(INPUT_NAMES), output_names=[OUTPUT_NAME], dynamic_axes=axes)


def quantize_int8(fp32: Path, out: Path) -> None:
    """Dynamic quantization: int8 weights with one scale per output channel, activations quantized per call.

    Per channel, query vectors stay at cosine >= 0.994 of float32 on the dev questions; one scale per tensor
    gave 0.977."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(fp32, out, weight_type=QuantType.QInt8, per_channel=True)


def _kept(folder: Path) -> tuple[dict, list[int]]:
    tokenizer = json.loads((folder / TOKENIZER_FILE).read_text(encoding="utf-8"))
    return tokenizer, kept_ids(tokenizer)


def write_tokenizer(folder: Path, out: Path) -> None:
    """The folder's tokenizer.json with the kept pieces only, renumbered as the table's rows."""
    tokenizer, kept = _kept(folder)
    out.write_text(json.dumps(pruned(tokenizer, kept), ensure_ascii=False), encoding="utf-8")


def write_table(folder: Path, out: Path) -> None:
    """The token embedding rows of the kept pieces, in their new order, as a float32 .npy file."""
    _, kept = _kept(folder)
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    weights = model[0].auto_model.get_input_embeddings().weight.detach().numpy()
    with out.open("wb") as f:
        np.save(f, np.ascontiguousarray(weights[kept], dtype=np.float32))
