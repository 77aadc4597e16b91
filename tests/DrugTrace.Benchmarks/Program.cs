Console.WriteLine("DrugTrace benchmarks: not yet written.");
return 0;
