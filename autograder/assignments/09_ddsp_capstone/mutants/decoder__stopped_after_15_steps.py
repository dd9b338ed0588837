"""Training stopped after 15 steps (a fresh decoder): the level is roughly right, the timbre is not."""
CATCHES = ['decoder_resynthesises_held_out_notes']


torch.manual_seed(0)
decoder = Decoder()
train_decoder(decoder, n_steps=15)
decoder.eval()
