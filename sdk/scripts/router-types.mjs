// The package's router type, printed from the server's: every procedure's kind, input and output
// written out structurally, so the published declarations need none of the app's sources.
//
// Why not bundle the server's own declarations: the router's type carries its context (the
// database handle and its drizzle schema, the logger, the session), and a declaration bundler
// follows every name it meets, so it would inline or import most of the app. The client only
// reads each procedure's `$types` and the root's error shape and transformer, which the checker
// resolves to plain object, union and literal types; those are printed here, names from the
// language's own library (Date, Record, AsyncIterable) kept, everything else expanded.
import path from "node:path";
import ts from "typescript";

/** Prints types without naming anything outside TypeScript's standard library. */
function printer(program) {
  const checker = program.getTypeChecker();
  // Declared by TypeScript's own library (others, such as @types/node, may add to the same interface).
  const fromLib = (symbol) => Boolean(symbol?.declarations?.some((d) => program.isSourceFileDefaultLibrary(d.getSourceFile())));
  const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
  const stack = new Set();

  function print(type) {
    const f = type.flags;
    if (type.isUnion()) {
      const parts = [...new Set(type.types.map((t) => wrap(t)))];
      const bool = parts.includes("true") && parts.includes("false");
      return (bool ? [...parts.filter((p) => p !== "true" && p !== "false"), "boolean"] : parts).join(" | ");
    }
    if (type.isIntersection()) return type.types.map((t) => wrap(t)).join(" & ");
    const plain = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.Boolean | ts.TypeFlags.BigInt | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never | ts.TypeFlags.Literal | ts.TypeFlags.ESSymbol | ts.TypeFlags.NonPrimitive;
    if (f & plain) return checker.typeToString(type);
    if (f & ts.TypeFlags.TemplateLiteral) return checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    if (!(f & ts.TypeFlags.Object)) throw new Error(`cannot print type ${checker.typeToString(type)}`);
    if (checker.isArrayType(type)) return `${wrap(checker.getTypeArguments(type)[0])}[]`;
    if (checker.isTupleType(type)) {
      const flags = type.target.elementFlags;
      const items = checker.getTypeArguments(type).map((t, i) => (flags[i] & ts.ElementFlags.Rest ? `...${wrap(t)}[]` : `${print(t)}${flags[i] & ts.ElementFlags.Optional ? "?" : ""}`));
      return `[${items.join(", ")}]`;
    }
    if (type.aliasSymbol && fromLib(type.aliasSymbol)) return named(type.aliasSymbol.name, type.aliasTypeArguments ?? []);
    if (fromLib(type.symbol) && type.symbol.name !== "__type" && type.symbol.name !== "__object") {
      return named(type.symbol.name, type.objectFlags & ts.ObjectFlags.Reference ? checker.getTypeArguments(type) : []);
    }
    if (stack.has(type)) throw new Error(`recursive type ${checker.typeToString(type)}: give it a name in the SDK`);
    stack.add(type);
    try {
      if (checker.getSignaturesOfType(type, ts.SignatureKind.Call).length) throw new Error(`a function type in the API: ${checker.typeToString(type)}`);
      const members = checker.getIndexInfosOfType(type).map((i) => `[key: ${print(i.keyType)}]: ${print(i.type)};`);
      for (const p of checker.getPropertiesOfType(type)) {
        const optional = p.flags & ts.SymbolFlags.Optional ? "?" : "";
        members.push(`${key(p.name)}${optional}: ${print(checker.getTypeOfSymbol(p))};`);
      }
      return members.length ? `{ ${members.join(" ")} }` : "{}";
    } finally {
      stack.delete(type);
    }
  }
  const wrap = (t) => {
    const s = print(t);
    return t.isUnion() || t.isIntersection() || s.startsWith("...") ? `(${s})` : s;
  };
  const named = (name, args) => (args.length ? `${name}<${args.map(print).join(", ")}>` : name);
  return { checker, print };
}

const kinds = { query: "TRPCQueryProcedure", mutation: "TRPCMutationProcedure", subscription: "TRPCSubscriptionProcedure" };

/**
 * Returns the source of a module exporting `AppRouter` (a tRPC router type with the server's
 * procedures and error shape, context and meta left out), read from `entry`'s `AppRouter`.
 */
export function routerTypes({ tsconfig, entry }) {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  const program = ts.createProgram({ rootNames: [entry], options: { ...parsed.options, noEmit: true, incremental: false } });
  const { checker, print } = printer(program);
  const file = program.getSourceFile(entry);
  if (!file) throw new Error(`${entry} is not in the program`);
  const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(file)).find((s) => s.name === "AppRouter");
  if (!exported) throw new Error(`${entry} exports no AppRouter`);
  const router = checker.getDeclaredTypeOfSymbol(exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported);
  const prop = (t, name) => {
    const s = t.getProperty(name);
    if (!s) throw new Error(`no ${name} on ${checker.typeToString(t)}`);
    return checker.getTypeOfSymbol(s);
  };
  const def = prop(router, "_def");

  function record(t, indent) {
    const pad = "  ".repeat(indent);
    const lines = [];
    for (const p of checker.getPropertiesOfType(t)) {
      const value = checker.getTypeOfSymbol(p);
      const inner = value.getProperty("_def") && checker.getTypeOfSymbol(value.getProperty("_def"));
      if (inner?.getProperty("$types")) {
        const kind = checker.typeToString(prop(inner, "type")).replace(/"/g, "");
        if (!kinds[kind]) throw new Error(`procedure ${p.name}: unknown kind ${kind}`);
        const types = prop(inner, "$types");
        lines.push(`${pad}${p.name}: ${kinds[kind]}<{ input: ${print(prop(types, "input"))}; output: ${print(prop(types, "output"))}; meta: object }>;`);
      } else {
        const nested = inner?.getProperty("record") ? prop(inner, "record") : value;
        lines.push(`${pad}${p.name}: {`, ...record(nested, indent + 1), `${pad}};`);
      }
    }
    return lines;
  }

  const errorShape = print(prop(prop(prop(def, "_config"), "$types"), "errorShape"));
  return [
    `// Generated from ${path.relative(path.dirname(tsconfig), entry)} by sdk/scripts/router-types.mjs when the package is built.`,
    `import type { TRPCBuiltRouter, TRPCMutationProcedure, TRPCQueryProcedure, TRPCSubscriptionProcedure } from "@trpc/server";`,
    "",
    `/** What a refused call carries in \`error.data\` (and \`fields\`: the input fields that were refused). */`,
    `export type ErrorShape = ${errorShape};`,
    "",
    "/** Every procedure of the Cloud MCP Platform API with its input and output. */",
    "export type Procedures = {",
    ...record(prop(def, "record"), 1),
    "};",
    "",
    "/** The API's router type, for `createTRPCClient<AppRouter>` and `inferRouterInputs`/`inferRouterOutputs`. */",
    "export type AppRouter = TRPCBuiltRouter<{ ctx: object; meta: object; errorShape: ErrorShape; transformer: true }, Procedures>;",
    "",
  ].join("\n");
}
