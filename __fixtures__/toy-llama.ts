/** A toy Llama config.json: h 8, 2 layers, 2 query heads of 4, 1 KV head, gated MLP of 16, vocabulary 32, untied. */
export const TOY_LLAMA_CONFIG = {
  model_type: 'llama',
  hidden_size: 8,
  num_hidden_layers: 2,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  intermediate_size: 16,
  vocab_size: 32,
  tie_word_embeddings: false,
};
