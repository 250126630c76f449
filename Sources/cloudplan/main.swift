import CloudplanCommands
import Glibc

// SIGQUIT ends the process as the system does (the Swift runtime would print a crash report
// for what is a user's request to quit).
signal(SIGQUIT, SIG_DFL)
CloudplanCommand.main()
