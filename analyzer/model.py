"""The data model, in one place: every stage passes these frozen dataclasses along, one way.

Stages may add fields (with defaults) here; they never define their own copies of these types.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from analyzer.versions import GoVersion

# --------------------------------------------------------------------------- knowledge base


class Kind(StrEnum):
    """What kind of change an entry describes."""

    RUNTIME = "runtime"
    LIBRARY = "library"
    LANGUAGE = "language"
    TOOLCHAIN = "toolchain"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Syntax(StrEnum):
    """A built-in syntax pass that finds the code a language change affects (no API is involved)."""

    LOOPVAR = "loopvar"  # loop variables captured by a func literal or address-taken (Go 1.22)


class Touch(StrEnum):
    """How code touches an API."""

    CALL = "call"
    REF = "ref"
    COMPOSITE = "composite"
    FIELD_READ = "field_read"
    FIELD_WRITE = "field_write"


class Effect(StrEnum):
    """What a matched condition says of a use."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    UNAFFECTED = "unaffected"
    NEUTRALIZED = "neutralized"  # only on a Match: a neutralizer pins the behavior


class MitigationKind(StrEnum):
    """Mitigations, least visible to end users first (the order of this enum is that order)."""

    GO_LINE = "go-line"
    GODEBUG_GOMOD = "godebug-gomod"
    GODEBUG_DIRECTIVE = "godebug-directive"
    MAIN_DEFAULT = "main-default"
    CODE_CHANGE = "code-change"
    NONE = "none"


@dataclass(frozen=True)
class Condition:
    """A syntactic fact about a use that makes it certainly, possibly, or not affected.

    `when` is one of: `arg-constant` (argument `arg` is a constant matching regex `matches`),
    `arg-nonconstant`, `literal-without-field` / `literal-with-field` (a composite literal lacks/has
    key `field`), `line-matches` (the use's source line matches regex `matches`).
    """

    when: str
    effect: Effect
    arg: int | None = None
    matches: str | None = None
    field: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Api:
    """An affected API in the KB notation: package path + symbol (`ParseIP`, `Certificate.Verify`)."""

    package: str
    symbol: str
    touch: tuple[Touch, ...] = (Touch.CALL,)
    conditions: tuple[Condition, ...] = ()
    # effect when no condition holds; None: certain without conditions, possible with them
    effect: Effect | None = None


@dataclass(frozen=True)
class Neutralizer:
    """Code that already pins the behavior: a use of `package`.`symbol` within `scope` of the affected use."""

    package: str
    symbol: str
    scope: str = "function"  # function | file | package
    reason: str = ""


@dataclass(frozen=True)
class MitigationAdvice:
    """A mitigation an entry offers, with the toolchains it needs and when it stops working."""

    kind: MitigationKind
    text: str
    min_go: GoVersion | None = None
    until: GoVersion | None = None


@dataclass(frozen=True)
class GodebugSetting:
    """One GODEBUG setting as the toolchains' `internal/godebugs` tables describe it.

    `known_since`: the first toolchain of each minor that knows the setting (backports list several);
    a toolchain T knows it if some v has v.minor == T.minor and v <= T, or T.minor > max minor listed.
    Empty for settings removed before the Removed list existed (unknown to every toolchain >= 1.21).
    `changed`: the table's Changed minor (go lines older than 1.changed get `old`), None if not go-line gated.
    `removed`: the minor whose toolchain dropped it (listed in Removed), None if still present.
    """

    name: str
    package: str
    old: str | None
    new: str | None
    changed: int | None
    known_since: tuple[GoVersion, ...]
    removed: int | None = None
    opaque: bool = False
    immutable: bool = False
    before_introduced: str | None = None

    def known_by(self, toolchain: GoVersion) -> bool:
        """Whether a toolchain's table lists this setting in All (not removed, already introduced)."""
        if self.removed is not None and toolchain.minor >= self.removed:
            return False
        if not self.known_since:
            return False
        same = [v for v in self.known_since if v.minor == toolchain.minor]
        if same:
            return any(v <= toolchain for v in same)
        return toolchain.minor > max(v.minor for v in self.known_since)

    def removed_by(self, toolchain: GoVersion) -> bool:
        return self.removed is not None and toolchain.minor >= self.removed


@dataclass(frozen=True)
class Entry:
    """One behavior change: a reviewed YAML file under knowledge/entries/."""

    id: str
    title: str
    go: GoVersion
    kind: Kind
    severity: Severity
    summary: str
    godebug: GodebugSetting | None = None
    platforms: tuple[str, ...] = ()
    affects: tuple[Api, ...] = ()
    neutralizers: tuple[Neutralizer, ...] = ()
    mitigations: tuple[MitigationAdvice, ...] = ()
    metric: str | None = None
    references: tuple[str, ...] = ()
    notes: str = ""
    source: str = ""  # file the entry was loaded from, for messages
    extra: tuple[tuple[str, str], ...] = ()  # format extensions: (key, value) pairs
    syntax: Syntax | None = None  # the syntax pass reporting the affected code of a language change


# --------------------------------------------------------------------------- scanner


@dataclass(frozen=True)
class SourceFile:
    """One Go file handed to the scanner (discovery's view of it, or a hand-made one in tests)."""

    rel: str  # relative to the scanned root, `/` separators
    pkg_dir: str = "."  # directory of its package, relative to root
    import_path: str = ""  # import path of its package (`golang.org/x/net/http2` for vendor/golang.org/...)
    package: str = ""  # package clause name
    test: bool = False  # a _test.go file
    xtest: bool = False  # in the external test package (`package foo_test`)
    vendor: bool = False
    generated: bool = False
    constraint: str = ""  # //go:build expression, "" when none


class UseKind(StrEnum):
    CALL = "call"
    REF = "ref"
    COMPOSITE = "composite"
    FIELD = "field"
    LOOP_VAR = "loopvar"  # a variable a loop declares (symbol: its name), from the loop-variable pass


@dataclass(frozen=True)
class Use:
    """A place where code names a KB symbol, resolved to its package-level identity."""

    file: str  # relative to the scanned root, `/` separators
    line: int  # 1-based, of the identifier naming the symbol
    column: int  # 1-based
    package: str  # import path of the symbol's package (`net`, `crypto/x509`)
    symbol: str  # KB notation: `ParseIP`, `Certificate.Verify`, `Config.MinVersion`, `Config`
    kind: UseKind
    pkg_dir: str = "."  # directory of the package containing the use, relative to root
    function: str = ""  # enclosing top-level function or method (`main`, `(*T).Run`), "" at package level
    write: bool = False  # for fields: an assignment target or a key in a literal
    # constant text of each call argument (unquoted strings), None otherwise
    args: tuple[str | None, ...] = ()
    literal_keys: tuple[str, ...] = ()  # keys of a composite literal
    test: bool = False
    vendor: bool = False
    generated: bool = False
    constraint: str = ""  # the file's //go:build expression, "" when none
    text: str = ""  # the source line, stripped


@dataclass(frozen=True)
class LoopVarUse:
    """A loop variable the loop-variable pass reports (a Use of kind loopvar, symbol = its name), and
    why its semantics change with per-iteration variables (`loop variable x is captured by ...`)."""

    use: Use
    why: str


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read or parsed; the scan goes on without it."""

    file: str
    reason: str
    line: int | None = None


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class Match:
    """A use matched against one entry: certain, possible, unaffected (a condition says so) or neutralized."""

    entry: str
    use: Use
    effect: Effect
    reason: str = ""


# --------------------------------------------------------------------------- planning (the bump audit)


class Status(StrEnum):
    """What a bump does to one behavior, for one binary or one use (worst first, see STATUS_ORDER)."""

    BUILD_ERROR = "build-error"  # a pinned old value of a setting the target toolchain removed
    STARTUP_FATAL = "startup-fatal"  # a removed setting at its old value in the deployment environment
    NOT_PRESERVABLE = "not-preservable"  # changes and no setting (or no longer a setting) keeps it
    CHANGED = "changed"  # changes; a mitigation exists
    NOT_CALLED = "imported-not-called"  # the binary imports the package but nothing calls the function
    UNREACHED = "unreached"  # no binary here imports the package
    ADVICE = "advice"  # in a library module that is nobody's main module here: advice for consumers
    MITIGATED = "mitigated"  # an explicit setting, main() default or neutralizer keeps the old behavior
    PRESERVED = "preserved"  # the kept go line keeps the old default


STATUS_ORDER: tuple[Status, ...] = tuple(Status)


class GoLinePolicy(StrEnum):
    KEEP = "keep"
    BUMP = "bump"
    SET = "set"  # an explicit `1.K`


@dataclass(frozen=True)
class Plan:
    """The bump under audit: toolchains before and after, and what happens to the go line."""

    from_toolchain: GoVersion
    to_toolchain: GoVersion
    go_line: GoLinePolicy = GoLinePolicy.KEEP
    new_go_line: GoVersion | None = None  # None with KEEP: every module keeps its own
    goos: tuple[str, ...] = ("linux",)
    goarch: str = "amd64"
    from_source: str = ""  # where the current toolchain came from: --from, .go-version, toolchain, go line


@dataclass(frozen=True)
class Binary:
    """A main package and the context that decides its GODEBUG defaults."""

    dir: str  # relative to the scanned root
    import_path: str
    module: str  # main module path
    module_dir: str = "."
    workspace: str | None = None  # go.work file (relative) when the build uses a workspace
    goos: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edit:
    """A machine-applicable text edit: insert `text` before `line` (1-based) of `file`, or replace `old`."""

    file: str
    kind: str  # go-mod-godebug | go-work-godebug | go-debug-directive | main-default | go-line
    text: str
    line: int | None = None
    old: str | None = None


@dataclass(frozen=True)
class Mitigation:
    """One way to keep the old behavior, as text to paste and as edits."""

    kind: MitigationKind
    text: str
    edits: tuple[Edit, ...] = ()
    min_go: GoVersion | None = None  # toolchains older than this reject or ignore it
    until: GoVersion | None = None  # the toolchain that stops honoring it


@dataclass(frozen=True)
class Change:
    """What the bump does to one entry's behavior in one binary."""

    entry: str
    binary: str  # Binary.dir
    status: Status
    reason: str
    godebug: str | None = None
    before: str | None = None  # effective value before (None: no such setting)
    after: str | None = None
    mitigations: tuple[Mitigation, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A matched use with its status across the binaries that reach it."""

    entry: str
    use: Use
    status: Status
    reason: str
    effect: Effect = Effect.CERTAIN
    binaries: tuple[str, ...] = ()  # Binary.dir of every binary that reaches the use
    mitigations: tuple[Mitigation, ...] = ()
    fingerprint: str = ""
    per_binary: tuple[tuple[str, Status], ...] = ()  # (Binary.dir, status there) when binaries differ


# --------------------------------------------------------------------------- deployment environment


class EnvSource(StrEnum):
    """The kind of file an environment assignment was found in."""

    KUBERNETES = "kubernetes"  # a Kubernetes manifest (plain YAML)
    HELM = "helm"  # a Helm-style template (YAML with `{{ }}`)
    DOCKERFILE = "dockerfile"
    SYSTEMD = "systemd"
    SHELL = "shell"
    MAKEFILE = "makefile"
    COMPOSE = "compose"  # docker-compose style `environment:`
    DOTENV = "dotenv"  # KEY=VALUE env files (docker --env-file, systemd EnvironmentFile)
    GO = "go"  # os.Setenv / os.Getenv in Go code


class EnvOp(StrEnum):
    """What the file does with the variable."""

    SET = "set"  # a static assignment in the launch environment
    DYNAMIC = "dynamic"  # assigned, value not statically known (valueFrom, {{ }}, $VAR, EnvironmentFile)
    SETENV = "setenv"  # os.Setenv in a running Go program (not checked at startup)
    READ = "read"  # os.Getenv: code that looks at the variable


@dataclass(frozen=True)
class EnvSetting:
    """One assignment (or read) of GODEBUG, GOGC, GOMEMLIMIT or GOMAXPROCS found in a deployment file."""

    file: str  # relative to the scanned root, `/` separators
    line: int  # 1-based, of the value (or of the name when there is no value)
    column: int  # 1-based, of the first character of the value inside any quotes
    variable: str  # GODEBUG | GOGC | GOMEMLIMIT | GOMAXPROCS
    value: str | None  # None when not statically known
    source: EnvSource
    op: EnvOp = EnvOp.SET
    binaries: tuple[str, ...] = ()  # names of the binaries the file launches with this environment
    context: str = ""  # e.g. `Deployment/web container app`, `stage runtime`, `[Service]`
    note: str = ""  # why the value is not static, etc.
    verbatim: bool = True  # the value appears as-is from `column` on `line` (key columns can be computed)


class DeployCategory(StrEnum):
    """What one environment setting does to the binaries it reaches, worst first."""

    STARTUP_FATAL = "startup-fatal"
    SLATED_FOR_REMOVAL = "slated-for-removal"
    OVERRIDES_DEFAULT = "overrides-default"
    SILENTLY_IGNORED = "silently-ignored"
    NOT_STATIC = "not-static"
    RUNTIME_TUNING = "runtime-tuning"  # GOGC/GOMEMLIMIT/GOMAXPROCS and runtime debug knobs
    READS_ENV = "reads-env"  # code that reads the variable (os.Getenv)


@dataclass(frozen=True)
class VerificationStep:
    """One way to check at run time or on the binary whether a setting is in effect.

    `kind`: runtime-metric | prometheus-client-golang | prometheus-kubernetes | go-version-m | not-observable.
    """

    kind: str
    name: str  # the metric name or the command line
    note: str = ""


@dataclass(frozen=True)
class DeployFinding:
    """One classified key of an environment setting, for the target toolchain."""

    setting: EnvSetting
    key: str  # the GODEBUG key, or the variable name for GOGC/GOMEMLIMIT/GOMAXPROCS
    value: str | None
    category: DeployCategory
    severity: Severity
    reason: str  # one line
    file: str = ""  # = setting.file (flat, for consumers that read findings as flat records)
    line: int = 0  # = setting.line
    column: int = 0  # 1-based column of the key in the file, 0 when unknown
    relation: str = ""  # for overrides-default: defeats | duplicates | changes | "" (unknown)
    verification: tuple[VerificationStep, ...] = ()


@dataclass(frozen=True)
class DeployReport:
    """The deployment-environment scan of one tree for one target toolchain (iterating gives the findings)."""

    root: str
    toolchain: GoVersion
    settings: tuple[EnvSetting, ...] = ()
    findings: tuple[DeployFinding, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    files_scanned: int = 0

    def __iter__(self) -> Iterator[DeployFinding]:
        return iter(self.findings)


# --------------------------------------------------------------------------- discovery and the GODEBUG model


@dataclass(frozen=True)
class GodebugLine:
    """One `key=value` of a go.mod / go.work `godebug` line or block (or a `//go:debug` directive)."""

    key: str
    value: str
    file: str  # relative to the scanned root, `/` separators
    line: int  # 1-based
    block_line: int = 0  # line of the `godebug (` opening its block, 0 for a single line


@dataclass(frozen=True)
class Directive:
    """A `//go:debug` comment of a Go file.

    `placed`: before the package clause (the only place go/build reads it); misplaced ones are kept so
    the model can say they are ignored. `error`: ParseGoDebug's syntax complaint ("missing key=value",
    "value contains space"), "" when the text parses.
    """

    key: str
    value: str
    file: str
    line: int
    text: str = ""
    placed: bool = True
    error: str = ""


@dataclass(frozen=True)
class GoFile(SourceFile):
    """A Go file as discovery sees it: the scanner's SourceFile plus what its header says."""

    name: str = ""  # base name
    imports: tuple[str, ...] = ()  # import paths of the import block, in order
    directives: tuple[Directive, ...] = ()  # //go:debug lines (placed and misplaced)
    selected: bool = True  # build constraints and file-name suffixes select it for the GOOS/GOARCH
    ignored_reason: str = ""  # why not selected: `constraint`, `goos-suffix`, ...
    cgo: bool = False  # imports "C"


@dataclass(frozen=True)
class Module:
    """A go.mod file under the scanned root."""

    path: str  # module path ("" when the go.mod has no module line)
    dir: str  # relative to the root, "." for the root
    file: str  # the go.mod, relative
    go: GoVersion | None = None  # the go line, None when absent
    go_text: str = ""  # the go line as written (`1.21rc2`)
    toolchain: str = ""  # `go1.27.3`, "" when absent
    godebug: tuple[GodebugLine, ...] = ()
    requires: tuple[tuple[str, str], ...] = ()  # (path, version)
    replaces: tuple[tuple[str, str, str, str], ...] = ()  # (old path, old version, new path, new version)
    excludes: tuple[tuple[str, str], ...] = ()
    retracts: tuple[str, ...] = ()
    go_line: int = 0  # line of the go directive (0 when absent)
    module_line: int = 0
    vendor_modules: tuple[tuple[str, str, bool], ...] = ()  # vendor/modules.txt: (path, version, explicit)


@dataclass(frozen=True)
class Workspace:
    """A go.work file: its go line, godebug lines and the module dirs it uses."""

    file: str  # relative to the root (`go.work`)
    dir: str = "."
    go: GoVersion | None = None
    go_text: str = ""
    toolchain: str = ""
    godebug: tuple[GodebugLine, ...] = ()
    uses: tuple[str, ...] = ()  # module dirs relative to the root, `/` separators, sorted
    replaces: tuple[tuple[str, str, str, str], ...] = ()
    go_line: int = 0


@dataclass(frozen=True)
class Package:
    """A directory of build-selected .go files (one package name, plus its _test package)."""

    dir: str  # relative to the root, "." for the root
    import_path: str
    name: str  # the non-test package name ("" when only test files)
    module: str  # path of the module that contains it ("" outside every module)
    module_dir: str = "."
    files: tuple[GoFile, ...] = ()  # build-selected files, test files included (flags on each)
    ignored_files: tuple[GoFile, ...] = ()  # excluded by constraints or file-name suffix
    imports: tuple[str, ...] = ()  # of non-test files, sorted, unique
    test_imports: tuple[str, ...] = ()  # of _test.go files in the package
    xtest_imports: tuple[str, ...] = ()  # of external `_test` package files
    vendor: bool = False
    main_module: str = ""  # the module whose go.mod (or the workspace) decides a build from here
    workspace: str | None = None  # go.work (relative) when the build from here uses it

    @property
    def is_main(self) -> bool:
        return self.name == "main"


@dataclass(frozen=True)
class Repo:
    """Everything discovery found under a root for one GOOS/GOARCH."""

    root: str  # absolute path
    goos: str
    goarch: str
    modules: tuple[Module, ...] = ()
    workspace: Workspace | None = None
    packages: tuple[Package, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    problems: tuple[Skipped, ...] = ()  # malformed go.mod / go.work / modules.txt (scan continues)

    def module(self, path: str) -> Module | None:
        return next((m for m in self.modules if m.path == path), None)

    def module_at(self, dir: str) -> Module | None:
        return next((m for m in self.modules if m.dir == dir), None)


class SourceKind(StrEnum):
    """Where a setting's compiled-in default comes from."""

    GO_LINE = "go-line"  # the go line (or `default=`) selects the old value
    GOMOD = "gomod"  # a go.mod godebug line
    GOWORK = "gowork"  # a go.work godebug line
    DIRECTIVE = "directive"  # a //go:debug line
    TOOLCHAIN = "toolchain"  # the toolchain's own default (not in the string)
    ENV = "env"  # GOFIPS140 at build time


@dataclass(frozen=True)
class Source:
    kind: SourceKind
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class SettingValue:
    """One setting in a binary's default GODEBUG string, and why it is there."""

    name: str
    value: str
    source: Source


class DiagnosticSeverity(StrEnum):
    ERROR = "error"  # the go command would fail (go list, go build or go vet)
    WARNING = "warning"  # accepted but ignored or surprising
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    severity: DiagnosticSeverity
    kind: str  # unknown-setting | removed-setting | repeated-directive | godebug-unsupported | ...
    message: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class GodebugResult:
    """The GODEBUG model's answer for one binary under one toolchain."""

    default_godebug: str  # exactly as `go list -f '{{.DefaultGODEBUG}}'` prints it
    settings: tuple[SettingValue, ...] = ()  # sorted by name
    diagnostics: tuple[Diagnostic, ...] = ()
    go_version: GoVersion | None = None  # the version that selected go-line defaults (None: none did)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is DiagnosticSeverity.ERROR)
