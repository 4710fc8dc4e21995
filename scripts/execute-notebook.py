"""Executes a Jupyter notebook top to bottom and writes it with its outputs.

    python3 execute-notebook.py IN.ipynb OUT.ipynb [--kernel deno] [--timeout 600]

Run by scripts/run-notebooks.ts (`npm run notebooks`); the kernel starts in
IN's folder. Exits 1 after the first cell that fails, printing it and the error.

Why not `jupyter nbconvert --execute` (nbclient): it collects a cell's
outputs by their parent message id until the kernel's "idle" status. The
Deno kernel (2.9) publishes outputs from one queue, in order, but stamps
each with the request current when it is sent: a cell's last outputs can
follow its "idle", or carry the next request's id, and nbclient then lost
them at random. Here, after each cell, a hidden sentinel cell prints one
line and displays one marker; every output published after the cell's
request and before the sentinel's line is the cell's (the queue keeps
order), and the sentinel's marker closes it. The sentinel's own messages
are not saved.

Needs jupyter_client and nbformat (Debian: python3-jupyter-client, python3-nbformat).
"""

import argparse
import os
import queue
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import KernelManager

SENTINEL_MIME = "application/x-leadlift-sentinel"
SENTINEL_TEXT = "leadlift-sentinel"
SENTINEL_CODE = (
    f'console.log("{SENTINEL_TEXT}");\n'
    f'await Deno.jupyter.display({{ "{SENTINEL_MIME}": "end" }}, {{ raw: true }});'
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--kernel", default="deno")
    parser.add_argument("--timeout", type=float, default=600, help="seconds one cell may take")
    args = parser.parse_args()

    notebook = nbformat.read(args.source, as_version=4)
    folder = os.path.dirname(os.path.abspath(args.source))
    kernel_log = tempfile.TemporaryFile(mode="w+")
    manager = KernelManager(kernel_name=args.kernel)
    manager.start_kernel(cwd=folder, stdout=kernel_log, stderr=kernel_log)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        count = 0
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            cell.outputs = []
            cell.execution_count = count
            error = run_cell(client, cell, args.timeout)
            if error is not None:
                print(f"cell {index + 1} failed:\n{cell.source}\n{'-' * 40}\n{error}", file=sys.stderr)
                return 1
    except TimeoutError as problem:
        kernel_log.seek(0)
        print(f"{problem}\nkernel output:\n{kernel_log.read()[-4000:]}", file=sys.stderr)
        return 1
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    nbformat.write(notebook, args.target)
    return 0


def run_cell(client, cell, timeout):
    """Runs one cell, storing its outputs; the error text when it fails, else None."""
    deadline = time.monotonic() + timeout
    cell_id = client.execute(cell.source, store_history=True, allow_stdin=False)
    reply = shell_reply(client, cell_id, deadline)
    sentinel_id = client.execute(SENTINEL_CODE, store_history=False, allow_stdin=False)
    before_sentinel = True
    while True:
        message = next_iopub(client, deadline)
        if message["parent_header"].get("msg_id") not in (cell_id, sentinel_id):
            continue  # the previous sentinel's status messages
        kind = message["msg_type"]
        content = message["content"]
        if before_sentinel and kind == "stream" and SENTINEL_TEXT in content.get("text", ""):
            # Text the cell printed may share the message with the sentinel's line.
            text = content["text"]
            head = text[: text.index(SENTINEL_TEXT)]
            if head:
                store_output(cell, "stream", {**message, "content": {**content, "text": head}})
            before_sentinel = False
        elif before_sentinel:
            store_output(cell, kind, message)
        elif kind == "display_data" and SENTINEL_MIME in content.get("data", {}):
            break
        elif kind == "error":
            raise TimeoutError(f"the sentinel cell failed: {content.get('ename')}: {content.get('evalue')}")
    shell_reply(client, sentinel_id, deadline)
    if reply["content"]["status"] != "ok":
        content = reply["content"]
        traceback = "\n".join(content.get("traceback", [])) or f"{content.get('ename')}: {content.get('evalue')}"
        return traceback
    errors = [o for o in cell.outputs if o.output_type == "error"]
    if errors:
        return "\n".join(errors[0].get("traceback", [])) or f"{errors[0].ename}: {errors[0].evalue}"
    return None


def store_output(cell, kind, message):
    """Appends an output message to the cell as nbformat does, merging consecutive stream text."""
    if kind == "clear_output":
        cell.outputs = []
        return
    if kind not in ("stream", "display_data", "execute_result", "error"):
        return
    output = nbformat.v4.output_from_msg(message)
    if kind == "execute_result":
        output.execution_count = cell.execution_count
    previous = cell.outputs[-1] if cell.outputs else None
    if kind == "stream" and previous is not None and previous.output_type == "stream" and previous.name == output.name:
        previous.text += output.text
    else:
        cell.outputs.append(output)


def shell_reply(client, message_id, deadline):
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("a cell ran past the time limit (--timeout)")
        try:
            reply = client.get_shell_msg(timeout=remaining)
        except queue.Empty:
            continue
        if reply["parent_header"].get("msg_id") == message_id:
            return reply


def next_iopub(client, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("a cell's outputs did not arrive within the time limit (--timeout)")
    try:
        return client.get_iopub_msg(timeout=remaining)
    except queue.Empty:
        raise TimeoutError("a cell's outputs did not arrive within the time limit (--timeout)") from None


if __name__ == "__main__":
    sys.exit(main())
