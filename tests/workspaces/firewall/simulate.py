#!/usr/bin/env python3
"""Writes metadata.simulated.json and Cargo.simulated.lock from metadata.json and Cargo.lock.

The real workspace resolves offline because every dependency is a path crate under vendor/. The
simulated copies pretend that some of them come from crates.io, another registry and a git
repository, as `cargo metadata` and Cargo would write them, and that the workspace was checked out
at /home/ci/src/firewall (a directory that does not exist here, so readers must re-base paths).
Run it again after regenerating metadata.json (`cargo metadata --format-version 1 --offline`).
"""
import hashlib
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CRATES_IO = "registry+https://github.com/rust-lang/crates.io-index"
OTHER = "sparse+https://crates.example.com/index/"
GIT = "git+https://github.com/example/netfilter?branch=main"
REV = "5f1a9e3c2b7d4e6f8a0b1c2d3e4f5a6b7c8d9e0f"
CARGO_HOME = "/home/ci/.cargo"
NEW_ROOT = "/home/ci/src/firewall"

# (name, version) -> (source in metadata and Cargo.lock, id, manifest directory)
SIMULATED = {
    ("log", "0.4.22"): CRATES_IO,
    ("log", "0.3.9"): CRATES_IO,
    ("cc", "1.1.0"): CRATES_IO,
    ("windows-service", "0.7.0"): CRATES_IO,
    ("netlink-sys", "0.8.6"): CRATES_IO,
    ("fw-testkit", "0.1.0"): OTHER,
    ("netfilter", "0.2.0"): GIT,
}


def new_identity(name, version, source):
    if source == GIT:
        return (f"{GIT}#{REV}", f"{GIT}#{name}@{version}",
                f"{CARGO_HOME}/git/checkouts/netfilter-3b1c2d4e5f6a7b8c/{REV[:7]}")
    if source == CRATES_IO:
        return (source, f"{source}#{name}@{version}",
                f"{CARGO_HOME}/registry/src/index.crates.io-1949cf8c6b5b557f/{name}-{version}")
    return (source, f"{source}#{name}@{version}",
            f"{CARGO_HOME}/registry/src/crates.example.com-0a1b2c3d4e5f6a7b/{name}-{version}")


def main():
    with open(os.path.join(HERE, "metadata.json")) as f:
        meta = json.load(f)
    old_root = meta["workspace_root"]
    ids, dirs, keys = {}, {}, {}
    for p in meta["packages"]:
        key = (p["name"], p["version"])
        if key in SIMULATED:
            source, new_id, new_dir = new_identity(*key, SIMULATED[key])
            old_dir = os.path.dirname(p["manifest_path"])
            ids[p["id"]] = new_id
            dirs[old_dir] = new_dir
            keys[old_dir] = key
            p["source"] = source
    # A dependency declaration names its source (a git one without the commit) and no path.
    for p in meta["packages"]:
        for d in p["dependencies"]:
            key = keys.get(d.get("path"))
            if key is not None:
                d["source"] = SIMULATED[key]
                d["req"] = "^" + key[1]
                del d["path"]
    text = json.dumps(meta)
    for old, new in ids.items():
        text = text.replace(json.dumps(old), json.dumps(new))
    for old, new in sorted(dirs.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(old + "/", new + "/").replace(json.dumps(old), json.dumps(new))
    text = text.replace(old_root, NEW_ROOT)
    with open(os.path.join(HERE, "metadata.simulated.json"), "w") as f:
        f.write(text + "\n")

    with open(os.path.join(HERE, "Cargo.lock")) as f:
        lock = f.read()
    out = []
    for entry in re.split(r"(?m)^(?=\[\[package\]\])", lock):
        m = re.search(r'^name = "(.*)"\nversion = "(.*)"\n', entry, re.M)
        if m and (m.group(1), m.group(2)) in SIMULATED:
            source, _, _ = new_identity(m.group(1), m.group(2), SIMULATED[(m.group(1), m.group(2))])
            extra = f'source = "{source}"\n'
            if source != f"{GIT}#{REV}":
                digest = hashlib.sha256(m.group(0).encode()).hexdigest()
                extra += f'checksum = "{digest}"\n'
            entry = entry[:m.end()] + extra + entry[m.end():]
        out.append(entry)
    with open(os.path.join(HERE, "Cargo.simulated.lock"), "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
