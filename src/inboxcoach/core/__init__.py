"""The pure core: plain data in, plain data out. Nothing here touches a socket, a file or the clock."""
