//! Whether a platform-specific dependency applies to `--target`: a dependency declared for
//! another target triple does not; a `cfg(…)` expression is evaluated with what the triple says
//! for certain (architecture, operating system, family, environment, vendor, pointer width,
//! endianness), in three-valued logic, and a dependency is left out only when its expression is
//! false whatever the unknown values are (`cfg(feature = "x")`, `cfg(target_feature = …)`, a
//! custom cfg, a target catscan does not know). Running `cargo metadata` with `--target` also
//! passes `--filter-platform`, which asks rustc and is exact.

use cargo_metadata::cargo_platform::{Cfg, CfgExpr, Platform};

/// What a target triple says about the cfg values of its target.
#[derive(Debug, Clone)]
pub(super) struct TargetCfg {
    triple: String,
    /// (key, its only value) for the keys the triple decides, e.g. ("target_os", "linux").
    known: Vec<(&'static str, String)>,
    /// The target families when known (`unix`, `windows`, `wasm`; empty for bare metal).
    families: Option<Vec<&'static str>>,
}

impl TargetCfg {
    pub fn from_triple(triple: &str) -> Self {
        let triple = triple.trim();
        let parts: Vec<&str> = triple.split('-').collect();
        let arch = parts.first().copied().unwrap_or_default();
        let rest = &parts[1.min(parts.len())..];
        let has = |word: &str| rest.iter().any(|p| *p == word || p.starts_with(word));
        let last = rest.last().copied().unwrap_or_default();
        let mut known: Vec<(&'static str, String)> = Vec::new();

        let (target_arch, width, endian): (Option<&str>, Option<&str>, Option<&str>) = match arch {
            "x86_64" | "x86_64h" => (Some("x86_64"), Some("64"), Some("little")),
            "i386" | "i586" | "i686" => (Some("x86"), Some("32"), Some("little")),
            "aarch64" | "arm64" | "arm64e" => (Some("aarch64"), Some("64"), Some("little")),
            "aarch64_be" => (Some("aarch64"), Some("64"), Some("big")),
            a if a.starts_with("armeb") || a.starts_with("thumbeb") => {
                (Some("arm"), Some("32"), Some("big"))
            }
            a if a.starts_with("arm") || a.starts_with("thumb") => {
                (Some("arm"), Some("32"), Some("little"))
            }
            a if a.starts_with("riscv64") => (Some("riscv64"), Some("64"), Some("little")),
            a if a.starts_with("riscv32") => (Some("riscv32"), Some("32"), Some("little")),
            "wasm32" => (Some("wasm32"), Some("32"), Some("little")),
            "wasm64" => (Some("wasm64"), Some("64"), Some("little")),
            "powerpc64le" => (Some("powerpc64"), Some("64"), Some("little")),
            "powerpc64" => (Some("powerpc64"), Some("64"), Some("big")),
            "powerpc" => (Some("powerpc"), Some("32"), Some("big")),
            "s390x" => (Some("s390x"), Some("64"), Some("big")),
            "loongarch64" => (Some("loongarch64"), Some("64"), Some("little")),
            "sparc64" => (Some("sparc64"), Some("64"), Some("big")),
            _ => (None, None, None),
        };
        if let Some(a) = target_arch {
            known.push(("target_arch", a.to_string()));
        }
        // x32 and ILP32 ABIs have 32-bit pointers on 64-bit architectures.
        if let Some(w) = width.filter(|_| !last.ends_with("x32") && !last.contains("ilp32")) {
            known.push(("target_pointer_width", w.to_string()));
        }
        if let Some(e) = endian {
            known.push(("target_endian", e.to_string()));
        }

        // (target_os, families, target_env when certain)
        let os: Option<(&'static str, Vec<&'static str>, Option<&'static str>)> = if has("windows")
        {
            let env = if last.starts_with("msvc") {
                Some("msvc")
            } else if last == "gnu" || last == "gnullvm" {
                Some("gnu")
            } else {
                None
            };
            Some(("windows", vec!["windows"], env))
        } else if has("android") {
            Some(("android", vec!["unix"], Some("")))
        } else if has("linux") {
            let env = if last.starts_with("gnu") {
                Some("gnu")
            } else if last.starts_with("musl") {
                Some("musl")
            } else {
                None
            };
            Some(("linux", vec!["unix"], env))
        } else if has("darwin") || has("macos") {
            Some(("macos", vec!["unix"], Some("")))
        } else if has("ios") {
            Some(("ios", vec!["unix"], None))
        } else if has("emscripten") {
            Some(("emscripten", vec!["unix", "wasm"], None))
        } else if has("wasi") {
            Some(("wasi", vec!["wasm"], None))
        } else if arch.starts_with("wasm") && last == "unknown" {
            Some(("unknown", vec!["wasm"], Some("")))
        } else if has("none") {
            Some(("none", vec![], None))
        } else if has("uefi") {
            Some(("uefi", vec![], None))
        } else {
            [
                "freebsd",
                "netbsd",
                "openbsd",
                "dragonfly",
                "solaris",
                "illumos",
                "haiku",
                "redox",
                "fuchsia",
                "aix",
            ]
            .into_iter()
            .find(|os| has(os))
            .map(|os| (os, vec!["unix"], None))
        };
        // target_family may hold several values; it is evaluated from `families`.
        let families = os.as_ref().map(|(_, f, _)| f.clone());
        if let Some((name, _, env)) = &os {
            known.push(("target_os", name.to_string()));
            if let Some(env) = env {
                known.push(("target_env", env.to_string()));
            }
        }
        // The second part is the vendor in most triples, but not in `aarch64-linux-android`.
        const VENDORS: [&str; 8] = [
            "unknown", "pc", "apple", "uwp", "fortanix", "nvidia", "sun", "wrs",
        ];
        if parts.len() >= 3 && VENDORS.contains(&parts[1]) {
            known.push(("target_vendor", parts[1].to_string()));
        }
        TargetCfg {
            triple: triple.to_string(),
            known,
            families,
        }
    }

    /// Whether a dependency declared for `platform` (None: for every platform) may apply.
    pub fn may_apply(&self, platform: Option<&Platform>) -> bool {
        match platform {
            None => true,
            Some(Platform::Name(name)) => name == &self.triple,
            Some(Platform::Cfg(expr)) => self.eval(expr) != Some(false),
        }
    }

    /// `Some(true)` or `Some(false)` when the triple decides the expression, `None` otherwise.
    pub fn eval(&self, expr: &CfgExpr) -> Option<bool> {
        match expr {
            CfgExpr::True => Some(true),
            CfgExpr::False => Some(false),
            CfgExpr::Not(e) => self.eval(e).map(|b| !b),
            CfgExpr::All(es) => {
                let values: Vec<Option<bool>> = es.iter().map(|e| self.eval(e)).collect();
                if values.contains(&Some(false)) {
                    Some(false)
                } else if values.iter().all(|v| *v == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            }
            CfgExpr::Any(es) => {
                let values: Vec<Option<bool>> = es.iter().map(|e| self.eval(e)).collect();
                if values.contains(&Some(true)) {
                    Some(true)
                } else if values.iter().all(|v| *v == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            CfgExpr::Value(Cfg::Name(name)) => match name.as_str() {
                "unix" | "windows" => self.families.as_ref().map(|f| f.contains(&name.as_str())),
                _ => None,
            },
            CfgExpr::Value(Cfg::KeyPair(key, value)) => match key.as_str() {
                "target_family" => self.families.as_ref().map(|f| f.contains(&value.as_str())),
                key => self
                    .known
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v == value),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applies(triple: &str, platform: &str) -> bool {
        TargetCfg::from_triple(triple).may_apply(Some(&platform.parse::<Platform>().unwrap()))
    }

    #[test]
    fn named_targets_must_be_the_same_triple() {
        assert!(applies(
            "x86_64-unknown-linux-gnu",
            "x86_64-unknown-linux-gnu"
        ));
        assert!(!applies(
            "x86_64-pc-windows-msvc",
            "x86_64-unknown-linux-gnu"
        ));
        assert!(TargetCfg::from_triple("x86_64-pc-windows-msvc").may_apply(None));
    }

    #[test]
    fn cfg_expressions_are_decided_where_the_triple_says() {
        let linux = "x86_64-unknown-linux-gnu";
        assert!(applies(linux, "cfg(unix)"));
        assert!(!applies(linux, "cfg(windows)"));
        assert!(applies(linux, "cfg(target_os = \"linux\")"));
        assert!(!applies(linux, "cfg(target_os = \"macos\")"));
        assert!(applies(
            linux,
            "cfg(all(unix, target_pointer_width = \"64\"))"
        ));
        assert!(!applies(linux, "cfg(all(unix, target_arch = \"aarch64\"))"));
        assert!(applies(linux, "cfg(not(target_env = \"msvc\"))"));
        assert!(!applies(
            "x86_64-pc-windows-msvc",
            "cfg(not(target_env = \"msvc\"))"
        ));
        assert!(applies(
            "aarch64-apple-darwin",
            "cfg(target_vendor = \"apple\")"
        ));
        assert!(applies(
            "wasm32-unknown-unknown",
            "cfg(target_family = \"wasm\")"
        ));
        assert!(!applies("wasm32-unknown-unknown", "cfg(unix)"));
        assert!(!applies("thumbv7em-none-eabihf", "cfg(any(unix, windows))"));
    }

    #[test]
    fn what_cannot_be_evaluated_is_kept() {
        let linux = "x86_64-unknown-linux-gnu";
        assert!(applies(linux, "cfg(feature = \"x\")"));
        assert!(applies(linux, "cfg(not(feature = \"x\"))"));
        assert!(applies(linux, "cfg(target_feature = \"crt-static\")"));
        assert!(applies(linux, "cfg(all(unix, tokio_unstable))"));
        // …but one false term decides an `all`.
        assert!(!applies(linux, "cfg(all(windows, tokio_unstable))"));
        // An unknown triple decides nothing.
        assert!(applies("xtensa-esp32-espidf", "cfg(windows)"));
        assert!(applies("xtensa-esp32-espidf", "cfg(unix)"));
    }
}
