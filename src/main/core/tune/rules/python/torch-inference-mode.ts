import type { Evidence } from '../../../../../shared/schemas/project';
import type { DetectedFinding, Rule } from '../../types';
import { imports, isTestFile, lineEvidence, pythonFiles, pythonStacks, uses } from './sources';

/**
 * A forward pass: calling something named like a model (`model(x)`, `self.net(x)`, `text_model(x)`),
 * but not a factory such as `load_model(...)` or `build_model(...)`.
 */
const MODEL_CALL =
  /(?<![\w.])(?:self\.)?(?!(?:load|build|create|get|make|init|train|save|export|compile|from|to)_)((?:\w+_)?model|net|network|classifier|encoder|decoder)\s*\(/;
const EVAL = /\.eval\(\s*\)/;
/** Training code needs gradients: leave it alone. */
const TRAINING = /\.backward\(|\boptimizer\b|\.train\(\s*\)|\boptim\.\w+\(/;
/** Already done: any of the gradient-disabling contexts or decorators. */
const NO_GRAD = /\binference_mode\b|\bno_grad\b|set_grad_enabled\(\s*False\s*\)/;

export const torchInferenceMode: Rule = {
  id: 'python.torch-inference-mode',
  title: 'Run PyTorch inference under torch.inference_mode()',
  rationale:
    'Outside no_grad/inference_mode, every forward pass records the autograd graph and keeps intermediate ' +
    'activations alive for a backward pass that inference never runs. inference_mode() skips that bookkeeping: ' +
    'less memory per request and usually a faster forward pass.',
  reference: {
    title: 'PyTorch: torch.inference_mode',
    url: 'https://pytorch.org/docs/stable/generated/torch.autograd.grad_mode.inference_mode.html',
  },
  stack: 'python',
  risk: 'review',
  effort: 'low',
  metrics: ['runtime', 'memory'],
  prior: { pImprove: 0.7, effect: 0.1 },

  async detect(context) {
    const found: DetectedFinding[] = [];
    for (const stack of pythonStacks(context)) {
      if (!uses(stack, 'python.ml', 'pytorch')) continue;
      for (const file of await pythonFiles(context, stack)) {
        if (isTestFile(file.file) || !imports(file, 'torch')) continue;
        const code = file.code.join('\n');
        if (NO_GRAD.test(code) || TRAINING.test(code)) continue;
        const calls: Evidence[] = [];
        const evals: Evidence[] = [];
        file.code.forEach((line, index) => {
          // A `def model(` or `class Net(` line defines, it does not call.
          if (/^\s*(def|class)\s/.test(line)) return;
          if (MODEL_CALL.test(line)) calls.push(lineEvidence(file, index + 1));
          if (EVAL.test(line)) evals.push(lineEvidence(file, index + 1));
        });
        if (calls.length === 0 && evals.length === 0) continue;
        const first = calls[0] ?? evals[0];
        const call = calls[0]?.excerpt ?? 'output = model(inputs)';
        found.push({
          dir: stack.dir,
          message:
            `${file.file} runs the model (line ${first?.line ?? '?'}) without torch.inference_mode() or torch.no_grad(): ` +
            'autograd records every forward pass',
          evidence: [...calls.slice(0, 3), ...evals.slice(0, 1)],
          current: calls.length > 0 ? calls.map((c) => c.excerpt ?? '').join('\n') : (evals[0]?.excerpt ?? null),
          proposed: [
            'with torch.inference_mode():',
            `    ${call}`,
            '',
            '# or decorate the predict function:',
            '@torch.inference_mode()',
          ].join('\n'),
          warning:
            'Tensors created under inference_mode cannot be used in autograd later; if outputs feed training, use torch.no_grad() instead.',
        });
      }
    }
    return found;
  },
};
