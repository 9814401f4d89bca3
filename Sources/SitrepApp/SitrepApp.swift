import IRCClient
