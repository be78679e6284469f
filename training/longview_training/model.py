"""SASRec-style causal transformer with a tied output embedding, written to export cleanly to ONNX.

Export facts this module relies on (DESIGN.md): the causal mask is a precomputed buffer sliced to the
sequence length, masking adds a finite -1e9 (never -inf: a left-padded row would become NaN), and
positions are counted from the right end of the sequence so the amount of left padding never changes
the scores of the real items.
"""
from __future__ import annotations

import math

import torch
from torch import nn

MASK_VALUE = -1e9


class CausalSelfAttention(nn.Module):
    def __init__(self, dim: int, heads: int, dropout: float):
        super().__init__()
        if dim % heads:
            raise ValueError(f"dim {dim} is not divisible by heads {heads}")
        self.heads = heads
        self.head_dim = dim // heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.out = nn.Linear(dim, dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor, last_only: bool = False) -> torch.Tensor:
        """Attention output at every position, or with ``last_only`` at the last position only ([batch, 1, dim]).

        ``last_only`` is what serving needs: keys and values still come from every position, but one query row
        instead of ``length`` cuts the score and context products from length² to length. The qkv projection stays
        one Linear so the exported weights keep their layout.
        """
        if self.heads == 1:
            return self._single_head(x, bias, last_only)
        return self._multi_head(x, bias, last_only)

    def _multi_head(self, x: torch.Tensor, bias: torch.Tensor, last_only: bool) -> torch.Tensor:
        batch, length, dim = x.shape
        qkv = self.qkv(x).view(batch, length, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        if last_only:
            q, bias = q[:, :, -1:, :], bias[:, :, -1:, :]
        rows = q.shape[2]
        # Scaling q (length x head_dim values) instead of the scores (rows x length) is the same product with fewer
        # multiplications. Scores in float32 even under autocast: -1e9 does not fit in float16.
        scores = torch.matmul(q * (1.0 / math.sqrt(self.head_dim)), k.transpose(-1, -2)).float() + bias
        weights = self.dropout(torch.softmax(scores, dim=-1)).to(v.dtype)
        context = torch.matmul(weights, v).transpose(1, 2).reshape(batch, rows, dim)
        return self.out(context)

    def _single_head(self, x: torch.Tensor, bias: torch.Tensor, last_only: bool) -> torch.Tensor:
        """The same product for one head without the head axis: no view/permute, a third of the exported nodes."""
        q, k, v = self.qkv(x).split(self.out.in_features, dim=-1)
        bias = bias[:, 0]
        if last_only:
            q, bias = q[:, -1:, :], bias[:, -1:, :]
        scores = torch.matmul(q * (1.0 / math.sqrt(self.head_dim)), k.transpose(-1, -2)).float() + bias
        weights = self.dropout(torch.softmax(scores, dim=-1)).to(v.dtype)
        return self.out(torch.matmul(weights, v))


class Block(nn.Module):
    """Pre-LN transformer block (trains stably without warm-up)."""

    def __init__(self, dim: int, heads: int, dropout: float):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attention = CausalSelfAttention(dim, heads, dropout)
        self.norm2 = nn.LayerNorm(dim)
        self.feed_forward = nn.Sequential(nn.Linear(dim, dim), nn.GELU(), nn.Dropout(dropout), nn.Linear(dim, dim))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor, last_only: bool = False) -> torch.Tensor:
        attended = self.dropout(self.attention(self.norm1(x), bias, last_only))
        x = (x[:, -1:, :] if last_only else x) + attended
        return x + self.dropout(self.feed_forward(self.norm2(x)))


class SASRec(nn.Module):
    def __init__(self, n_items: int, dim: int = 64, blocks: int = 2, heads: int = 1, max_len: int = 200,
                 dropout: float = 0.2):
        super().__init__()
        self.n_items = n_items
        self.max_len = max_len
        self.item_embedding = nn.Embedding(n_items + 1, dim, padding_idx=0)
        self.position_embedding = nn.Parameter(torch.empty(max_len, dim))
        self.dropout = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(Block(dim, heads, dropout) for _ in range(blocks))
        self.final_norm = nn.LayerNorm(dim)
        causal = torch.triu(torch.full((max_len, max_len), MASK_VALUE), diagonal=1)
        self.register_buffer("causal_bias", causal, persistent=False)
        padding_penalty = torch.zeros(n_items + 1)
        padding_penalty[0] = MASK_VALUE
        self.register_buffer("padding_penalty", padding_penalty, persistent=False)
        nn.init.normal_(self.item_embedding.weight, std=dim ** -0.5)
        nn.init.normal_(self.position_embedding, std=0.5)
        with torch.no_grad():
            self.item_embedding.weight[0].zero_()

    def hidden(self, item_ids: torch.Tensor, last_only: bool = False) -> torch.Tensor:
        """Hidden state at every position: [batch, length, dim] for left-padded ids (0 = padding).

        With ``last_only`` the last block computes the final position only ([batch, 1, dim]): the same numbers for
        that position (a causal model's last row depends on nothing after it) at about half the cost of two blocks.
        """
        item_ids = item_ids[:, -self.max_len:]
        length = item_ids.shape[1]
        x = self.item_embedding(item_ids) * math.sqrt(self.item_embedding.embedding_dim)
        x = self.dropout(x + self.position_embedding[self.max_len - length:])
        key_padding = (item_ids == 0).to(torch.float32) * MASK_VALUE
        bias = self.causal_bias[:length, :length].unsqueeze(0).unsqueeze(0) + key_padding.unsqueeze(1).unsqueeze(1)
        last = len(self.blocks) - 1
        for index, block in enumerate(self.blocks):
            x = block(x, bias, last_only and index == last)
        return self.final_norm(x)

    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Scores over the whole catalogue; index 0 (padding) is pushed to -1e9 so it never ranks."""
        return torch.matmul(hidden, self.item_embedding.weight.t()).float() + self.padding_penalty

    def forward(self, item_ids: torch.Tensor) -> torch.Tensor:
        """Next-item scores after the last position: [batch, n_items + 1]."""
        return self.logits(self.hidden(item_ids, last_only=True)[:, -1, :])
