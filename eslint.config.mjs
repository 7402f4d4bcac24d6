// ESLint: Next.js's rules (core web vitals, React, hooks, accessibility) and
// typescript-eslint's recommended ones. Formatting is Prettier's job, so the
// rules that would fight it are off (eslint-config-prettier).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    rules: {
      // `_` marks what is unused on purpose (a destructured field left out).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Playwright's fixtures hand over their value with a function named `use`: not React's.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // TanStack Virtual is not written for the React Compiler, which this app does not use.
    rules: { "react-hooks/incompatible-library": "off" },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    "scratch/**",
  ]),
]);
