"""A TCP proxy on 127.0.0.1 that adds a fixed delay each way: a far IMAP server, nearby.

    .venv/bin/python bench/latency_proxy.py LISTEN_PORT TARGET_PORT DELAY_MS

Not part of `make test`. Every chunk read from one side is written to the other
``DELAY_MS`` after it arrived, in order, without limiting bandwidth: a round trip
through the proxy takes twice the delay more than without it, as on a network with
that latency (``tc netem`` is not available in every container). Used to compare
ways of reading a mailbox whose cost is round trips (one FETCH after another) rather
than CPU: run ``inboxcoach sync`` against LISTEN_PORT instead of Dovecot's port.
Prints ``READY`` when it listens; stops on SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import asyncio
import sys


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def deliver() -> None:
        while True:
            due, chunk = await queue.get()
            if not chunk:
                break
            pause = due - loop.time()
            if pause > 0:
                await asyncio.sleep(pause)
            writer.write(chunk)
            await writer.drain()
        writer.close()

    sender = asyncio.create_task(deliver())
    try:
        while chunk := await reader.read(1 << 16):
            queue.put_nowait((loop.time() + delay, chunk))
    except ConnectionError:
        pass
    queue.put_nowait((loop.time() + delay, b""))
    await sender


async def main(listen: int, target: int, delay: float) -> None:
    async def connected(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
        await asyncio.gather(
            _pipe(client_reader, server_writer, delay), _pipe(server_reader, client_writer, delay),
            return_exceptions=True,
        )  # fmt: skip

    server = await asyncio.start_server(connected, "127.0.0.1", listen)
    print("READY", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 1000))
    except KeyboardInterrupt:
        pass
