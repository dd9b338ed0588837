"""A fresh Decoder() in place of the trained one (the training cell's result was overwritten)."""
CATCHES = ['decoder_resynthesises_held_out_notes', 'decoder_follows_the_loudness_of_held_out_notes']


torch.manual_seed(0)
decoder = Decoder()
