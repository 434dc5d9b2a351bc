import "server-only";
// Seeded template of the second demo organization: paid release notes, to show a priced listing.
import type { CreateTemplateInput } from "@/server/schemas/filegen";

export const releaseNotesTemplate: CreateTemplateInput = {
  name: "Release notes (Keep a Changelog)",
  description: "A CHANGELOG.md entry in the Keep a Changelog format, with Added, Fixed and (optionally) Security sections and compare links, plus a GitHub release body.",
  tags: ["changelog", "release", "docs"],
  visibility: "public",
  priceCredits: 50,
  variables: {
    type: "object",
    properties: {
      project: { type: "string", default: "storefront", description: "project name" },
      version: { type: "string", default: "1.1.0", description: "the version being released" },
      previous: { type: "string", default: "1.0.0", description: "the version before it" },
      repo: { type: "string", default: "acme/storefront", description: "owner/name on GitHub, for compare links" },
      added: { type: "array", items: { type: "string" }, default: ["Order history page"], description: "what is new" },
      fixed: { type: "array", items: { type: "string" }, default: ["Totals rounding on multi-currency carts"], description: "what was broken" },
      security: { type: "boolean", default: false, description: "include a Security section" },
    },
    required: ["project", "version"],
  },
  files: [
    {
      path: "CHANGELOG.md",
      content: `# Changelog

All notable changes to {{ project }} are documented here. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/) and the project uses
[Semantic Versioning](https://semver.org/).

## [{{ version }}]
{% if added.size > 0 %}
### Added
{% for item in added %}- {{ item }}
{% endfor %}{% endif %}{% if fixed.size > 0 %}
### Fixed
{% for item in fixed %}- {{ item }}
{% endfor %}{% endif %}{% if security %}
### Security
- Dependencies updated to their patched releases.
{% endif %}
[{{ version }}]: https://github.com/{{ repo }}/compare/v{{ previous }}...v{{ version }}
`,
    },
    {
      path: ".github/release-notes/v{{ version }}.md",
      content: `{{ project }} {{ version }}

{% for item in added %}- New: {{ item }}
{% endfor %}{% for item in fixed %}- Fix: {{ item }}
{% endfor %}
Full list: https://github.com/{{ repo }}/compare/v{{ previous }}...v{{ version }}
`,
    },
  ],
  instructions: `Merge the **[{{ version }}]** section of \`CHANGELOG.md\` above the previous release in yours.
Then publish the release with its notes:

\`\`\`sh
gh release create v{{ version }} --notes-file .github/release-notes/v{{ version }}.md
\`\`\`
`,
};
