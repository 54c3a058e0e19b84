"""Documents in the GUI: the signature pad, the « Faire signer » dialog, and printing a PDF through Qt."""
