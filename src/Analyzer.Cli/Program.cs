using System.Text;
using Extls.Cli;

// Parsing and dispatch only: the commands live in Commands/, the work in the libraries.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return CliApp.Run(args, CliHost.FromProcess());
