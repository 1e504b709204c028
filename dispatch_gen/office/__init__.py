"""An office's first day: find its letterhead (`dispatch-gen letterheads`) and start a letter
(`dispatch-gen new`)."""
