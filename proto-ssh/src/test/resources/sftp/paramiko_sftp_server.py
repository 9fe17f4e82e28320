"""paramiko's SFTP server over a directory, for interop tests of Torsion's SFTP client.

Usage: python3 paramiko_sftp_server.py ROOT HOST_KEY_FILE
Listens on a free loopback port, prints "port N" once bound; user alice, password secret.
paramiko ships the SFTP server protocol and leaves the file system to an interface: this file
implements that interface over ROOT, as paramiko's own tests do.
"""
import os
import socket
import sys
import threading

import paramiko
from paramiko import SFTPAttributes, SFTPHandle, SFTPServer, SFTPServerInterface, SFTP_OK

ROOT = os.path.realpath(sys.argv[1])
HOST_KEY = paramiko.Ed25519Key.from_private_key_file(sys.argv[2])


class Login(paramiko.ServerInterface):
    def check_auth_password(self, username, password):
        ok = (username, password) == ("alice", "secret")
        return paramiko.AUTH_SUCCESSFUL if ok else paramiko.AUTH_FAILED

    def get_allowed_auths(self, username):
        return "password"

    def check_channel_request(self, kind, chanid):
        if kind == "session":
            return paramiko.OPEN_SUCCEEDED
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED


def errno_status(call):
    try:
        return call()
    except OSError as e:
        return SFTPServer.convert_errno(e.errno)


class Handle(SFTPHandle):
    def stat(self):
        return errno_status(lambda: SFTPAttributes.from_stat(os.fstat(self.readfile.fileno())))

    def chattr(self, attr):
        def change():
            SFTPServer.set_file_attr(self.filename, attr)
            return SFTP_OK
        return errno_status(change)


class Files(SFTPServerInterface):
    def real(self, path):
        return os.path.join(ROOT, self.canonicalize(path).lstrip("/"))

    def list_folder(self, path):
        def listing():
            directory = self.real(path)
            found = []
            for name in os.listdir(directory):
                attrs = SFTPAttributes.from_stat(os.lstat(os.path.join(directory, name)))
                attrs.filename = name
                found.append(attrs)
            return found
        return errno_status(listing)

    def stat(self, path):
        return errno_status(lambda: SFTPAttributes.from_stat(os.stat(self.real(path))))

    def lstat(self, path):
        return errno_status(lambda: SFTPAttributes.from_stat(os.lstat(self.real(path))))

    def open(self, path, flags, attr):
        def opening():
            real = self.real(path)
            fd = os.open(real, flags | getattr(os, "O_BINARY", 0), 0o644)
            if flags & os.O_WRONLY:
                mode = "ab" if flags & os.O_APPEND else "wb"
            elif flags & os.O_RDWR:
                mode = "a+b" if flags & os.O_APPEND else "r+b"
            else:
                mode = "rb"
            handle = Handle(flags)
            handle.filename = real
            handle.readfile = handle.writefile = os.fdopen(fd, mode)
            return handle
        return errno_status(opening)

    def remove(self, path):
        return errno_status(lambda: os.remove(self.real(path)) or SFTP_OK)

    def rename(self, oldpath, newpath):
        def renaming():
            if os.path.lexists(self.real(newpath)):
                return paramiko.SFTP_FAILURE
            os.rename(self.real(oldpath), self.real(newpath))
            return SFTP_OK
        return errno_status(renaming)

    def posix_rename(self, oldpath, newpath):
        return errno_status(lambda: os.rename(self.real(oldpath), self.real(newpath)) or SFTP_OK)

    def mkdir(self, path, attr):
        return errno_status(lambda: os.mkdir(self.real(path)) or SFTP_OK)

    def rmdir(self, path):
        return errno_status(lambda: os.rmdir(self.real(path)) or SFTP_OK)

    def chattr(self, path, attr):
        def change():
            SFTPServer.set_file_attr(self.real(path), attr)
            return SFTP_OK
        return errno_status(change)

    def symlink(self, target_path, path):
        return errno_status(lambda: os.symlink(target_path, self.real(path)) or SFTP_OK)

    def readlink(self, path):
        return errno_status(lambda: os.readlink(self.real(path)))


def serve(connection):
    transport = paramiko.Transport(connection)
    transport.add_server_key(HOST_KEY)
    transport.set_subsystem_handler("sftp", SFTPServer, Files)
    transport.start_server(server=Login())


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(5)
print("port", listener.getsockname()[1], flush=True)
while True:
    client, _ = listener.accept()
    threading.Thread(target=serve, args=(client,), daemon=True).start()
