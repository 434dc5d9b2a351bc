// Liquid's parse and render errors said in plain words — what is wrong and how to fix it — for
// every surface (editor, MCP, REST, tRPC). Plain JavaScript: the render workers load it without a
// bundler. A message no rule knows passes through as liquidjs wrote it.
/** @type {[RegExp, (m: RegExpMatchArray) => string][]} */
const rules = [
  [/^expected "\|" before filter/, () => "An output {{ … }} is not closed: end it with }} (a filter goes after a |)"],
  [/^output "(.*)" not closed/s, (m) => `${m[1].split(/\\n|\n/)[0]} is not closed: end it with }}`],
  [/^tag "(\{%.*)" not closed/s, (m) => `${m[1].split(/\\n|\n/)[0]} is not closed: end it with %}`],
  [/^raw "(.*)" not closed/s, () => "{% raw %} is never closed: add {% endraw %} after it"],
  [/^tag \{%-?\s*(\w+)[^%]*-?%\} not closed/, (m) => `{% ${m[1]} %} is never closed: add {% end${m[1]} %} after it`],
  [/^tag "end(\w+)" not found/, (m) => `{% end${m[1]} %} has no {% ${m[1]} %} before it`],
  [/^tag "(else|elsif|when)" not found/, (m) => `{% ${m[1]} %} is outside the block it belongs to`],
  [/^tag "(\w+)" not found/, (m) => `There is no {% ${m[1]} %} tag`],
  [/^invalid value expression: ""/, () => "This tag is missing its condition or value, such as {% if name %}"],
  [/^illegal tag: (.*)/, (m) => `${m[1]} is incomplete`],
  [/^undefined filter: (\S+)/, (m) => `There is no filter named ${m[1]}`],
];

/** @param {string} message */
export function plainProblem(message) {
  for (const [re, say] of rules) {
    const m = message.match(re);
    if (m) return say(m);
  }
  return message;
}
