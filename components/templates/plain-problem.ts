// Liquid's parse errors, said in plain words: what is wrong and how to fix it.
const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^expected "\|" before filter/, () => "An output {{ … }} is not closed: end it with }} (a filter goes after a |)"],
  [/^output "(.*)" not closed/, (m) => `${m[1]!.split(/\\n|\n/)[0]} is not closed: end it with }}`],
  [/^tag \{%-?\s*(\w+)[^%]*-?%\} not closed/, (m) => `{% ${m[1]} %} is never closed: add {% end${m[1]} %} after it`],
  [/^tag "end(\w+)" not found/, (m) => `{% end${m[1]} %} has no {% ${m[1]} %} before it`],
  [/^tag "(\w+)" not found/, (m) => `There is no {% ${m[1]} %} tag`],
  [/^invalid value expression: ""/, () => "This tag is missing its condition or value, such as {% if name %}"],
  [/^illegal tag: (.*)/, (m) => `${m[1]} is incomplete`],
  [/^undefined filter: (\S+)/, (m) => `There is no filter named ${m[1]}`],
];

export function plainProblem(message: string): string {
  for (const [re, say] of rules) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
}
