/** The --help text: commands, options, exit codes. */
export const HELP_TEXT = `train-memory: per-GPU memory and GPU-hours of LLM training plans

Usage:
  train-memory estimate [FILE...] [--plan NAME] [--format text|markdown|json|html]
                       [--gpu ID [--gpus N]] [--compare-to BASE.json] [--time-limit SECONDS]
      Estimate every plan in the plan files (default: train-plan.yml), wherever they are. Paths written
      inside a file are relative to it and may not leave the current directory (for a file outside it:
      the file's own directory). A training config in place of a plan file (DeepSpeed,
      Axolotl, LLaMA-Factory, torchtune, torchtitan or accelerate, recognised by its keys) is estimated
      on --gpu (a catalogue id) and --gpus (default: what the config implies, else 1).
      --compare-to: a base run's JSON report (--format json); plans are paired by name and each
      shows its change from the base (1% or less counts as unchanged).
      --format html: one standalone page (no network; charts as inline SVG; light and dark; printable):
      train-memory estimate --format html > report.html. Text colours the memory bar on a terminal
      unless NO_COLOR is set.
      --time-limit: seconds the whole run may take (default 300); at the limit it stops with exit code 2.
  train-memory params <catalogue-id | hub-repo-id | config.json> [--family MODEL_TYPE] [--format text|json]
      Exact parameter counts: total, trainable, active per token, and a breakdown by part.
      --family: the model_type to follow when config.json's own is not supported.
  train-memory plan --model ID --gpu ID|any [--method full|lora|qlora|freeze] [--framework F]
                    [--tokens N] [--sequence-length N] [--global-batch-tokens N] [--max-gpus N] [--max-days D]
                    [--max-cost USD] [--price-per-gpu-hour USD | --prices FILE] [--gpus-per-node N]
                    [--format text|json|html] [--write plan.yml]
      Sizing: the fewest GPUs that fit, the fastest configuration within the limits, the GPU count →
      wall clock / cost front; on one GPU, the longest sequence and largest micro batch that fit.
      --gpu any compares every GPU with a price (--prices maps GPU ids to USD per GPU-hour).
      --write saves the chosen configuration as a plan file for \`train-memory estimate\`.
      --method freeze trains the last 2 layers (write a plan with training.freeze for others).
  Model ids outside the catalogue are Hugging Face Hub repositories, read from the local cache or the Hub
  (HF_HUB_CACHE / HF_HOME, HF_ENDPOINT, HF_TOKEN; HF_HUB_OFFLINE=1 keeps off the network).
  train-memory models [--format text|json]     The model catalogue.
  train-memory gpus [--format text|json]       The GPU catalogue.
  train-memory networks [--format text|json]   Cluster networks for hardware.network.
  train-memory nodes [--format text|json]      GPU nodes and their RAM for hardware.host_memory_per_node.
  train-memory --help | --version

Exit codes:
  0  every plan fits its GPU and stays within its budget
  1  a plan does not fit its GPU or breaks its budget
  2  invalid input or usage (the message names file:line:column where there is a file)
  3  internal error (a bug: please report it with the input that caused it)
`;
