"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it receives."""

import socket
import threading
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class RecordingHandler:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        self.hold = threading.Event()
        self.hold.set()
        self.received_while_held = threading.Event()
        self.refuse = 0
        # Cleared: take the message (it counts as delivered), then say nothing until
        # set again: a worker killed now never learns that the server accepted it.
        self.reply = threading.Event()
        self.reply.set()
        self.accepted_while_silent = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if not self.reply.is_set():
            with self.lock:
                self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            self.accepted_while_silent.set()
            while not self.reply.is_set():
                await server.loop.run_in_executor(None, self.reply.wait, 0.1)
            return "250 Message accepted for delivery"
        if not self.hold.is_set():
            # Keep the sending worker stuck inside DATA until the test lets go, then
            # refuse: the message was never accepted, as when a worker dies mid-send.
            self.received_while_held.set()
            while not self.hold.is_set():
                await server.loop.run_in_executor(None, self.hold.wait, 0.1)
            return "421 Service shutting down"
        with self.lock:
            if self.refuse:
                self.refuse -= 1
                return "451 4.3.0 Try again later"
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def message_ids(self):
        with self.lock:
            return [message["Message-ID"] for message in self.messages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPSink:
    def __init__(self):
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.handler.hold.set()
        self.handler.reply.set()
        self.controller.stop()
