"""The trained weights saved and loaded into a fresh Decoder, as the notebook does with decoder.pt."""
import io as _io

_buffer = _io.BytesIO()
torch.save(decoder.state_dict(), _buffer)
_buffer.seek(0)
decoder = Decoder()
decoder.load_state_dict(torch.load(_buffer, weights_only=True))
