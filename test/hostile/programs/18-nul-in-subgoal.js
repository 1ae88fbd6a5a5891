// attacks: A subgoal text with a NUL hiding the rest of the text
// must: ArgumentError naming the NUL
subgoal('grasp the red block\u0000 and then the hidden text');
pick('red_block');
