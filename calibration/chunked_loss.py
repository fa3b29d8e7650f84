"""Chunked cross-entropy, the way torchtune's CEWithChunkedOutputLoss computes it.

torchtune (torchtune/modules/loss/ce_chunked_output_loss.py and TransformerDecoder.chunked_output) splits the final
hidden states into `num_output_chunks` pieces along the sequence (8 by default), applies the output projection to each
piece, and returns the list of logit chunks in the model's dtype. The loss then upcasts one chunk at a time to fp32,
sums the per-token cross-entropy of every chunk and divides by the number of tokens that carry a label. The recipe
deletes the logit chunks before backward.

What this changes in memory compared with the standard path (one (b, s, V) logits tensor, upcast whole to fp32): the
fp32 copy exists for one chunk at a time instead of for the whole sequence. The bf16/fp32 logit chunks of the whole
sequence still exist together while the loss is computed, and log_softmax saves its fp32 output of every chunk for
backward, as it does in the standard path.
"""

import torch
import torch.nn.functional as F

IGNORE_INDEX = -100
NUM_OUTPUT_CHUNKS = 8  # torchtune's default `num_output_chunks`


def shift_labels(input_ids: torch.Tensor) -> torch.Tensor:
    """Next-token labels: position t is scored on token t+1; the last position has none (IGNORE_INDEX)."""
    ignore = torch.full_like(input_ids[:, :1], IGNORE_INDEX)
    return torch.cat((input_ids[:, 1:], ignore), dim=1)


def output_chunks(hidden: torch.Tensor, lm_head: torch.nn.Module, num_chunks: int = NUM_OUTPUT_CHUNKS) -> list:
    """The output projection applied to each sequence chunk of the hidden states (b, s, h) -> list of (b, s_i, V)."""
    return [lm_head(chunk) for chunk in hidden.chunk(num_chunks, dim=1)]


def chunked_cross_entropy(logit_chunks: list, labels: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over labelled tokens; each chunk is upcast to fp32 on its own."""
    label_chunks = labels.chunk(len(logit_chunks), dim=1)
    total = None
    for logits, chunk_labels in zip(logit_chunks, label_chunks):
        part = F.cross_entropy(
            logits.reshape(-1, logits.size(-1)).float(),
            chunk_labels.reshape(-1),
            ignore_index=IGNORE_INDEX,
            reduction="sum",
        )
        total = part if total is None else total + part
    labelled = (labels != IGNORE_INDEX).sum()
    return total / labelled
