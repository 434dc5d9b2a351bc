import "server-only";
// Seeded template: a GitHub Actions CI workflow for a Node.js project.
import type { CreateTemplateInput } from "@/server/schemas/filegen";

export const ciWorkflowTemplate: CreateTemplateInput = {
  name: "GitHub Actions CI for Node.js",
  description: "A CI workflow that installs with npm ci and runs lint, typecheck and tests on each push and pull request, across Node versions, with optional PostgreSQL and caching.",
  tags: ["ci", "github-actions", "node"],
  visibility: "public",
  variables: {
    type: "object",
    properties: {
      nodeVersions: { type: "array", items: { type: "string" }, default: ["20", "22"], description: "Node.js versions to test on" },
      branch: { type: "string", default: "main", description: "default branch" },
      lint: { type: "boolean", default: true, description: "run npm run lint" },
      typecheck: { type: "boolean", default: true, description: "run npm run typecheck" },
      postgres: { type: "boolean", default: false, description: "start a PostgreSQL service for the tests" },
      testCommand: { type: "string", default: "npm test", description: "the test command" },
    },
  },
  files: [
    {
      path: ".github/workflows/ci.yml",
      content: `name: CI

on:
  push:
    branches: [{{ branch }}]
  pull_request:

concurrency:
  group: ci-\${{ "{{" }} github.ref {{ "}}" }}
  cancel-in-progress: true

jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    strategy:
      fail-fast: false
      matrix:
        node: [{% for v in nodeVersions %}"{{ v }}"{% unless forloop.last %}, {% endunless %}{% endfor %}]
{% if postgres %}    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
        ports: ["5432:5432"]
        options: >-
          --health-cmd pg_isready --health-interval 5s --health-timeout 5s --health-retries 10
    env:
      DATABASE_URL: postgres://postgres:postgres@localhost:5432/postgres
{% endif %}    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ "{{" }} matrix.node {{ "}}" }}
          cache: npm
      - run: npm ci
{% if lint %}      - run: npm run lint
{% endif %}{% if typecheck %}      - run: npm run typecheck
{% endif %}      - run: {{ testCommand }}
`,
    },
  ],
  instructions: `Commit \`.github/workflows/ci.yml\`; it runs on pushes to \`{{ branch }}\` and on pull requests, on Node {{ nodeVersions | join: ", " }}.
{% if lint or typecheck %}
Make sure \`package.json\` has the scripts it calls:{% if lint %} \`lint\`{% endif %}{% if typecheck %} \`typecheck\`{% endif %}.{% endif %}{% if postgres %}
Tests get \`DATABASE_URL\` pointing at the PostgreSQL service.{% endif %}
`,
};
