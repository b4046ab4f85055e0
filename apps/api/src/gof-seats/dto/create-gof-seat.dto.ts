import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class CreateGofSeatDto {
  @ApiProperty({ example: 'ES', description: 'seat id: a member state code or an organization id' })
  @Matches(/^[\w.-]{1,100}$/, { message: 'seat must be 1 to 100 letters, digits or . _ -' })
  seat: string;

  @ApiProperty({ example: 'Spain' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
}

export class GofSeatResponse {
  @ApiProperty({ example: 'ES' }) seat: string;
  @ApiProperty({ example: 'Spain' }) name: string;
  @ApiProperty() createdAt: string;
}
