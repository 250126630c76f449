import CloudplanCommands
CloudplanCommand.main()
