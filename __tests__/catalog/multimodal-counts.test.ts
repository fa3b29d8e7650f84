/**
 * Multimodal checkpoints whose only published exact count includes the vision tower: the language model counted from
 * text_config plus the vision encoder and projector counted here by hand from vision_config must give that count.
 */
import { expect, test } from '@jest/globals';
import { builtInCatalog } from '../../src/catalog/index.js';
import { architectureFromHfConfig } from '../../src/core/architecture/hf-config.js';
import { countParameters } from '../../src/core/architecture/parameters.js';

test('Llama 4 Scout: language model + vision encoder and projector = the Hub safetensors total, 108,641,793,536', () => {
  const entry = builtInCatalog.findModel('meta-llama/Llama-4-Scout-17B-16E-Instruct')!;
  const vision = entry.config['vision_config'] as Record<string, number>;
  const text = entry.config['text_config'] as Record<string, number>;
  // transformers models/llama4/modeling_llama4.py, Llama4VisionModel and Llama4MultiModalProjector:
  const d = vision['hidden_size']!; // 1408
  const f = vision['intermediate_size']!; // 5632
  const patchPixels = vision['num_channels']! * vision['patch_size']! ** 2; // 3 × 14 × 14 = 588
  const positions = (vision['image_size']! / vision['patch_size']!) ** 2 + 1; // 24² + 1 (class token) = 577
  const patchEmbedding = patchPixels * d; // Llama4UnfoldConvolution: Linear(588, 1408, bias=False)
  const classEmbedding = d;
  const positionEmbedding = positions * d; // positional_embedding_vlm
  const layerNormsPrePost = 2 * 2 * d; // layernorm_pre, layernorm_post: weight and bias
  const attention = 4 * (d * d + d); // q, k, v, o with bias
  const mlp = d * f + f + f * d + d; // fc1, fc2 with bias
  const layer = attention + mlp + 2 * 2 * d; // + input_layernorm, post_attention_layernorm with bias
  const encoder = vision['num_hidden_layers']! * layer; // 34 layers
  // Llama4VisionPixelShuffleMLP: fc1 Linear(intermediate 5632 → projector_input_dim 4096), fc2 Linear(4096 → 4096),
  // both without bias; Llama4MultiModalProjector linear_1: vision_output_dim 4096 → text hidden 5120, no bias.
  const adapter = f * vision['projector_input_dim']! + vision['projector_input_dim']! * vision['projector_output_dim']!;
  const projector = vision['vision_output_dim']! * text['hidden_size']!;
  const visionTotal =
    patchEmbedding + classEmbedding + positionEmbedding + layerNormsPrePost + encoder + adapter + projector;
  // 827,904 + 1,408 + 812,416 + 5,632 + 34 × 23,807,872 + 39,845,888 + 20,971,520 = 871,932,416.
  expect(visionTotal).toBe(871_932_416);
  const languageModel = countParameters(architectureFromHfConfig(entry.config)).total;
  expect(languageModel).toBe(entry.parameters.total);
  // Hub API safetensors total for meta-llama/Llama-4-Scout-17B-16E-Instruct (models.json, parameters.source).
  expect(languageModel + visionTotal).toBe(108_641_793_536);
});
