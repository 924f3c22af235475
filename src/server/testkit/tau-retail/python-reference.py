"""Test-only: runs tau-bench's own Python tools over scenarios to give expected texts and hashes.

Reads {"dataDir": ..., "scenarios": [[{"name": ..., "kwargs": {...}}, ...], ...]} on stdin and
prints [{"texts": [...], "hash": ...}, ...]: each scenario runs on a fresh copy of the data, the
way base_env.py's step() and get_data_hash() do. Nothing of tau-bench is copied here.
"""
import importlib.util
import json
import sys
import types
from hashlib import sha256


def load_tools(data_dir):
    # The tool modules import tau_bench.envs.tool.Tool; a stub base class is all they need.
    for name in ["tau_bench", "tau_bench.envs", "tau_bench.envs.tool"]:
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["tau_bench.envs.tool"].Tool = type("Tool", (), {})
    spec = importlib.util.spec_from_file_location(
        "retail_tools", f"{data_dir}/tools-python/__init__.py", submodule_search_locations=[f"{data_dir}/tools-python"]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["retail_tools"] = module
    spec.loader.exec_module(module)
    return {tool.get_info()["function"]["name"]: tool for tool in module.ALL_TOOLS}


def to_hashable(item):
    if isinstance(item, dict):
        return tuple((key, to_hashable(value)) for key, value in sorted(item.items()))
    if isinstance(item, list):
        return tuple(to_hashable(element) for element in item)
    return item


def main():
    request = json.load(sys.stdin)
    data_dir = request["dataDir"]
    tools = load_tools(data_dir)
    # Re-parsing the text is several times faster than copy.deepcopy, and gives the same fresh data.
    sources = {name: open(f"{data_dir}/data/{name}.json").read() for name in ["orders", "products", "users"]}
    answers = []
    for scenario in request["scenarios"]:
        data = {name: json.loads(text) for name, text in sources.items()}
        texts = []
        for action in scenario:
            try:
                texts.append(tools[action["name"]].invoke(data=data, **action["kwargs"]))
            except Exception as error:
                texts.append(f"Error: {error}")
        answers.append({"texts": texts, "hash": sha256(str(to_hashable(data)).encode("utf-8")).hexdigest()})
    json.dump(answers, sys.stdout)


main()
