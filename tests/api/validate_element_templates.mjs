// Reads a JSON array of element templates on stdin and validates each against Camunda's
// element-template JSON schema (@bpmn-io/element-templates-validator). Prints
// {"valid": bool, "problems": [{"id", "errors": [...]}]} and exits 1 when one is invalid.
import { validate } from '@bpmn-io/element-templates-validator';

let text = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) text += chunk;

const problems = [];
for (const template of JSON.parse(text)) {
  const { valid, errors } = validate(template);
  if (!valid) {
    problems.push({ id: template.id, errors: errors.map((e) => `${e.instancePath ?? e.dataPath ?? ""}: ${e.message}`) });
  }
}
process.stdout.write(JSON.stringify({ valid: problems.length === 0, problems }));
process.exit(problems.length ? 1 : 0);
